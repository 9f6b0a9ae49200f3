// The .vsix a user installs: `npm run package` builds it, it holds only what runs (an allowlist), and
// installed into a fresh code-server with `--install-extension` it activates from the installed copy,
// with no node_modules beside it and no AWS call.
// Run: node scripts/test.mjs vsix   (part of `npm test`)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, findChromium } from '../harness/chromium';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { startFakeAwsEndpoint, withAwsTestEnvironment, type FakeAwsEndpoint } from '../harness/fakeAwsEndpoint';
import { repoRoot } from '../harness/paths';
import { onCleanup, runCleanups } from '../harness/processes';
import { workbenchUrl } from '../harness/workbench';
import { packageVsix, vsixPath } from '../harness/packageVsix';
import { zipEntries, type ZipEntry } from './zipEntries';

const MAX_VSIX_BYTES = 3 * 1024 * 1024;
/** The probe waits up to 30 s for activation; the rest is a cold workbench on a busy machine. */
const PROBE_TIMEOUT_MS = 120_000;

/** Every file the .vsix may hold, as paths inside the zip. vsce adds the manifest and renames README/CHANGELOG/LICENSE. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|orgFeatures)\.js$/,
  // The HCL parser's runtime and Terraform grammar, loaded when a Terraform file is first linted.
  /^extension\/dist\/tree-sitter(-terraform)?\.wasm$/,
  /^extension\/media\/[\w./-]+\.(png|svg|md)$/,
  /^extension\/docs\/rules\/RG\d{3}\.md$/,
  /^extension\/docs\/images\/[\w-]+\.png$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
];

/** A Terraform file whose one finding (RG101, line 6) only shows when the parser's WebAssembly loads. */
const TERRAFORM = `resource "aws_iam_policy" "root_tasks" {
  name = "root-tasks"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*"
    }]
  })
}
`;

/** What a probe inside the extension host saw (test/vsix/probe/extensionTests.js). */
interface ProbeFacts {
  found?: boolean;
  extensionPath?: string;
  version?: string;
  extensionKind?: string;
  activatedAfterMs?: number;
  commands?: string[];
  showLogRan?: boolean;
  terraform?: { languageId: string; afterMs?: number; diagnostics: Array<{ code: string; line: number; message: string }> };
  error?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('the packaged .vsix', function () {
  this.timeout(5 * 60_000); // packaging on a busy machine; the first run also installs code-server
  let entries: ZipEntry[];
  const names = () => entries.map((entry) => entry.name);

  before(async () => {
    findChromium(); // fail at once, not after packaging, when the browser is missing
    const ms = await packageVsix();
    entries = zipEntries(vsixPath);
    console.log(`      npm run package: ${(ms / 1000).toFixed(1)} s, ${entries.length} files, ${fs.statSync(vsixPath).size} bytes`);
  });

  it('holds only allowlisted files: no sources, tests, node_modules or source maps', () => {
    const unexpected = names().filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    assert.ok(!names().some((name) => /(^|\/)(src|test|node_modules|out|bench)\/|\.map$|\.ts$/.test(name)));
  });

  it('holds every file package.json points at, every rule page and the README\'s images', () => {
    const readmeImages = [...fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)].map((m) => m[1]);
    // dist/orgFeatures.js: the explorer and tasks bundle that dist/extension.js loads on first use.
    const required = [manifest.main, 'dist/orgFeatures.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm', manifest.icon, ...manifestMediaPaths(manifest), ...jsonValidationSchemas(manifest), ...readmeImages]
      .map((file: string) => `extension/${path.posix.normalize(file)}`);
    const rulePages = fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).map((file) => `extension/docs/rules/${file}`);
    const missing = [...required, ...rulePages].filter((file) => !names().includes(file));
    assert.deepEqual(missing, []);
  });

  it('stays under 3 MB', () => {
    const size = fs.statSync(vsixPath).size;
    assert.ok(size < MAX_VSIX_BYTES, `rootguard.vsix is ${size} bytes`);
  });

  describe('installed into code-server with --install-extension', () => {
    let facts: ProbeFacts;
    let server: CodeServer;
    let fakeAws: FakeAwsEndpoint;
    let externalRequests: string[];

    before(async () => {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-vsix-'));
      onCleanup(() => fs.rmSync(scratch, { recursive: true, force: true }));
      const workspace = path.join(scratch, 'workspace');
      fs.mkdirSync(workspace);
      fs.writeFileSync(path.join(workspace, '.rootguard.json'), '{}\n'); // the workspaceContains activation event
      fs.writeFileSync(path.join(workspace, 'main.tf'), TERRAFORM);
      const resultsFile = path.join(scratch, 'probe.json');

      fakeAws = await startFakeAwsEndpoint();
      onCleanup(fakeAws.close);
      server = await startCodeServer({
        env: { ...withAwsTestEnvironment(process.env, fakeAws.url), ROOTGUARD_VSIX_PROBE_RESULTS: resultsFile },
        install: [vsixPath],
      });
      const browser = await launchBrowser();
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      // The workbench calls codeAutomationExit once the extension host has run the probe and exited.
      const probeDone = new Promise<void>((resolve) => void page.exposeFunction('codeAutomationExit', () => resolve()));
      const probe = path.join(__dirname, 'probe');
      await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: probe, extensionTestsPath: path.join(probe, 'extensionTests.js') }));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the probe did not finish within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
      });
      await Promise.race([probeDone, timedOut]).finally(() => clearTimeout(timer));
      externalRequests = browser.externalRequests;
      await browser.close();
      facts = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ProbeFacts;
    });

    after(async () => {
      if (server) server.saveLogs(path.join(repoRoot, 'test-results', 'logs', 'vsix'));
      await runCleanups();
    });

    it('is loaded from the extensions folder, not from the repository', () => {
      assert.equal(facts.error, undefined);
      assert.equal(facts.found, true, 'rootguard.rootguard is not among the extensions');
      assert.equal(path.dirname(facts.extensionPath!), server.extensionsDir);
      assert.equal(path.basename(facts.extensionPath!), `rootguard.rootguard-${manifest.version}`);
      assert.ok(!fs.existsSync(path.join(facts.extensionPath!, 'node_modules')), 'the installed copy has node_modules');
    });

    it('runs in the workspace extension host', () => {
      assert.equal(facts.extensionKind, 'workspace');
    });

    it('activates by itself in a workspace with a .rootguard.json', () => {
      assert.equal(typeof facts.activatedAfterMs, 'number', 'not active 30 s after the extension host started');
    });

    it('registers the commands package.json declares, and they run', () => {
      const declared = (manifest.contributes.commands as { command: string }[]).map((c) => c.command);
      assert.deepEqual(declared.filter((id) => !facts.commands!.includes(id)), []);
      assert.equal(facts.showLogRan, true);
    });

    it('lints a Terraform file with the HCL parser it ships, with no Terraform extension installed', () => {
      assert.equal(facts.terraform?.languageId, 'plaintext');
      assert.deepEqual(facts.terraform.diagnostics.map((d) => [d.code, d.line]), [['RG101', 6]]);
    });

    it('made no AWS request and nothing left 127.0.0.1', () => {
      assert.deepEqual(fakeAws.requests, []);
      assert.deepEqual([...server.externalConnections(), ...externalRequests], []);
    });
  });
});

/** media/ files package.json refers to: view container icons, walkthrough media, command icons. */
function manifestMediaPaths(json: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/^\.?\/?media\//.test(value)) found.push(value);
    } else if (value && typeof value === 'object') {
      for (const child of Object.values(value)) visit(child);
    }
  };
  visit((json as { contributes: unknown }).contributes);
  return found;
}

function jsonValidationSchemas(json: { contributes: { jsonValidation?: { url: string }[] } }): string[] {
  return (json.contributes.jsonValidation ?? []).map((entry) => entry.url).filter((url) => !/^https?:/.test(url));
}
