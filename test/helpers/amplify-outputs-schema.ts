import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const TYPES = path.join(__dirname, '..', 'fixtures', 'amplify-outputs', 'client_config_v1.4.d.ts');
const DOC = path.join(path.dirname(TYPES), '__document__.ts');

/**
 * The errors of a document checked against Amplify's published `AWSAmplifyBackendOutputs` type
 * (schema version 1.4; see test/fixtures/amplify-outputs/SOURCE.md), with the TypeScript
 * compiler: unknown keys, missing required keys, wrong types and values outside the allowed
 * lists. The `@minItems 1` constraints, which the types only carry as comments, are checked too.
 */
export function amplifyOutputsErrors(document: unknown): string[] {
  const source = `import type { AWSAmplifyBackendOutputs } from './client_config_v1.4';\n`
    + `export const document: AWSAmplifyBackendOutputs = ${JSON.stringify(document, undefined, 2)};\n`;
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: [], skipLibCheck: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion) => fileName === DOC
    ? ts.createSourceFile(fileName, source, languageVersion, true)
    : getSourceFile(fileName, languageVersion);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === DOC || fileExists(fileName);
  const program = ts.createProgram([DOC], options, host);
  const errors = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === DOC || d.file?.fileName === TYPES)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (!fs.existsSync(TYPES)) errors.push(`missing ${TYPES}`);

  const auth = (document as any)?.auth;
  for (const [name, list] of [
    ['auth.username_attributes', auth?.username_attributes],
    ['auth.oauth.redirect_sign_in_uri', auth?.oauth?.redirect_sign_in_uri],
    ['auth.oauth.redirect_sign_out_uri', auth?.oauth?.redirect_sign_out_uri],
  ] as const) {
    if (Array.isArray(list) && list.length === 0) errors.push(`${name}: at least 1 item`);
  }
  return errors;
}
