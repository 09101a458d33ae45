/**
 * `npm run security`: Doyensec's Electronegativity over the Electron code (main, preload, IPC contract,
 * renderer sources and its CSP, package.json for the Electron version), and with `--built DIR` over the
 * built main, preload and index.html as well. Fails on any finding that electronegativity.config.json does
 * not justify (each exception names the check, the files, the exact flagged code, and a reason).
 *
 * Offline by design. Electronegativity makes two network requests: translations at start (it falls back to
 * its bundled en-US strings) and Electron's release list for AvailableSecurityFixesGlobalCheck (without it
 * that check silently finds nothing). Offline, each waits out `got`'s retries (20 s in all); here `got` is
 * answered "offline" at once, and the release check is excluded in the config, with its reason.
 *
 * A canary window with nodeIntegration on and contextIsolation off is scanned with the code every time: if
 * the scanner stops flagging it, the scan itself is broken and fails.
 *
 *   tsx scripts/security-scan.ts [--built out] [--strict] [--config FILE]
 *   (--strict: exceptions that match nothing fail too)
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const DEFAULT_CONFIG = join(root, 'electronegativity.config.json');

interface Exception {
  check: string;
  files: string[];
  /** The flagged code, exactly (trimmed), as Electronegativity reports it (sources and build differ). */
  samples: string[];
  reason: string;
}

interface Config {
  sources: string[];
  excludedChecks: { check: string; reason: string }[];
  exceptions: Exception[];
}

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  severity: { name: string };
  confidence: { name: string };
}

/** Checks the canary must trigger, proving that the scanner runs and finds real problems. */
const CANARY_CHECKS = ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK'];
const CANARY = `const { BrowserWindow } = require('electron');
const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
win.loadURL('https://example.com/');
`;

function readConfig(path: string): Config {
  const config = JSON.parse(readFileSync(path, 'utf8')) as Config;
  for (const e of [...config.exceptions, ...config.excludedChecks]) {
    if (!e.check || !e.reason || e.reason.length < 40) {
      throw new Error(
        `${path}: every exception needs a check and a reason (of a sentence at least): ${JSON.stringify(e)}`,
      );
    }
  }
  return config;
}

/** Every scannable file under `dir` (TypeScript, JavaScript, HTML), tests and test helpers left out. */
function walk(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : walk(path);
    return /\.(ts|tsx|js|cjs|mjs|html|json)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Copies what is scanned into a fresh folder: sources at their repository paths, the build under `built/`
 * (`.cjs` renamed `.js`: Electronegativity only reads .js/.ts/.html), the canary under `canary/`.
 */
function stage(config: Config, built: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-lens-security-'));
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
  };
  for (const source of config.sources) {
    for (const file of walk(join(root, source))) copy(file, join(dir, relative(root, file)));
  }
  if (built) {
    for (const part of ['main', 'preload']) {
      for (const file of walk(join(built, part))) {
        copy(file, join(dir, 'built', relative(built, file)).replace(/\.(cjs|mjs)$/, '.js'));
      }
    }
    copy(join(built, 'renderer', 'index.html'), join(dir, 'built', 'renderer', 'index.html'));
  }
  mkdirSync(join(dir, 'canary'));
  writeFileSync(join(dir, 'canary', 'window.js'), CANARY);
  return dir;
}

type Runner = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/** Electronegativity's runner, with its HTTP client answering "offline" at once (see the header). */
function offlineRunner(): Runner {
  const require = createRequire(import.meta.url);
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const gotPath = createRequire(runnerPath).resolve('got');
  const offline = () => Promise.reject(new Error('offline: the security scan makes no network requests'));
  const exports = { __esModule: true, default: Object.assign(offline, { head: offline }) };
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports,
  } as unknown as NodeJS.Module;
  const mod = require(runnerPath) as Runner | { default: Runner };
  return typeof mod === 'function' ? mod : mod.default;
}

async function scan(dir: string, config: Config): Promise<Issue[]> {
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const log = console.log;
  // Its one line about translations ("Could not retrieve ...") is expected offline: keep the output clean.
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  try {
    const result = await offlineRunner()(
      {
        input: dir,
        customScan: [],
        excludeFromScan: config.excludedChecks.map((c) => c.check.toLowerCase()),
        isRelative: true,
        isVerbose: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    const fatal = result.errors.filter((e) => !e.tolerable);
    if (fatal.length > 0)
      throw new Error(
        `files the scanner could not parse:\n${fatal.map((e) => `  ${e.file}: ${e.message}`).join('\n')}`,
      );
    return result.issues;
  } finally {
    console.log = log;
  }
}

const sampleOf = (issue: Issue) => (issue.sample ?? '').trim();

function justification(issue: Issue, config: Config): Exception | undefined {
  return config.exceptions.find(
    (e) =>
      e.check === issue.id &&
      e.files.includes(issue.file) &&
      e.samples.some((s) => s.trim() === sampleOf(issue)),
  );
}

function report(issues: Issue[], config: Config, strict: boolean): number {
  const canary = issues.filter((i) => i.file.startsWith('canary/'));
  const ours = issues.filter((i) => !i.file.startsWith('canary/'));
  const used = new Set<Exception>();
  let failures = 0;
  for (const issue of ours) {
    const why = justification(issue, config);
    const where = `${issue.file}:${issue.location.line}`;
    if (why) {
      used.add(why);
      console.log(`justified  ${issue.id} ${where}\n           ${why.reason}`);
    } else {
      failures++;
      console.log(
        `UNJUSTIFIED ${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${where}\n           ${issue.description}\n           code: ${sampleOf(issue).slice(0, 200)}`,
      );
    }
  }
  for (const check of CANARY_CHECKS) {
    if (!canary.some((i) => i.id === check)) {
      failures++;
      console.log(`BROKEN SCAN: the canary's ${check} was not reported, so the scanner cannot be trusted`);
    }
  }
  for (const e of config.exceptions.filter((x) => !used.has(x))) {
    if (strict) failures++;
    console.log(
      `${strict ? 'UNUSED' : 'unused'} exception ${e.check} (${e.samples[0]}): matches no finding now (code not written yet, or gone: then remove it)`,
    );
  }
  for (const c of config.excludedChecks) console.log(`excluded   ${c.check}: ${c.reason}`);
  return failures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      built: { type: 'string' },
      strict: { type: 'boolean', default: false },
      config: { type: 'string', default: DEFAULT_CONFIG },
    },
  });
  const configPath = resolve(root, values.config);
  const config = readConfig(configPath);
  const built = values.built ? resolve(root, values.built) : null;
  const dir = stage(config, built);
  try {
    const issues = await scan(dir, config);
    const failures = report(issues, config, values.strict);
    const what = `${config.sources.join(', ')}${built ? ` and the build in ${relative(root, built)}` : ''}`;
    if (failures > 0) {
      console.log(`\nsecurity scan FAILED: ${failures} problem(s) in ${what}`);
      process.exitCode = 1;
    } else {
      console.log(
        `\nsecurity scan passed: ${what}: every finding justified in ${relative(root, configPath)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
