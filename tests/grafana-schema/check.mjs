// Type-checks Grafana dashboard JSON against @grafana/schema's Dashboard type.
// Usage: node check.mjs [dashboard.json ...]   (default: every grafana/dashboards/*.json of the repository)
// Each dashboard becomes generated/<name>.ts, `const dashboard = {...} satisfies JsonOf<Dashboard>`, compiled with
// this folder's tsconfig.json; exit code 1 and the compiler's messages when one does not type-check.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultFolder = path.resolve(here, '../../grafana/dashboards');
const inputs = process.argv.length > 2
  ? process.argv.slice(2).map((p) => path.resolve(p))
  : fs.readdirSync(defaultFolder).filter((f) => f.endsWith('.json')).map((f) => path.join(defaultFolder, f));

if (inputs.length === 0) {
  console.error('check.mjs: no dashboard JSON files to check');
  process.exit(2);
}

const outDir = fs.mkdtempSync(path.join(here, 'generated-'));
try {
  const files = inputs.map((input) => {
    const json = JSON.parse(fs.readFileSync(input, 'utf8'));
    const file = path.join(outDir, path.basename(input, '.json') + '.ts');
    fs.writeFileSync(file,
      `// Generated from ${input}\n` +
      `import type { Dashboard } from '@grafana/schema';\n` +
      `import type { JsonOf } from '../json-of';\n\n` +
      `export const dashboard = ${JSON.stringify(json, null, 2)} satisfies JsonOf<Dashboard>;\n`);
    return file;
  });

  const configFile = ts.readConfigFile(path.join(here, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, here);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => here, getNewLine: () => '\n' };
    console.error(process.stderr.isTTY
      ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host)
      : ts.formatDiagnostics(diagnostics, host));
    // exitCode, not exit(): the finally below must still remove the generated folder.
    process.exitCode = 1;
  } else {
    for (const input of inputs) {
      console.log(`ok ${input}`);
    }
  }
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
