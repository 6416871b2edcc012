// Bundles the custom-resource handlers before any test: construct tests reference the asset
// folder and emulator tests run the bundle itself, so it must match the sources.
import { execFileSync } from 'child_process';
import * as path from 'path';

export default function globalSetup(): void {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'custom-resources', 'bundle.js')], { stdio: 'inherit' });
}
