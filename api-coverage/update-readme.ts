// `npm run coverage-table`: rewrites the API coverage block of README.md from coverage.json.
import * as fs from 'fs';
import * as path from 'path';
import { loadCoverageMap, renderCoverageTable, replaceTable } from './coverage';

const readmePath = path.join(__dirname, '..', 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
fs.writeFileSync(readmePath, replaceTable(readme, renderCoverageTable(loadCoverageMap())));
console.log('README.md: API coverage table updated');
