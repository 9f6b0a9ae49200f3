// One cold activation of a RootGuard bundle, in its own fresh Node process, against a stand-in `vscode`
// module: loads the bundle, calls activate(), lets the work it started without awaiting run, and prints
// one JSON line { loadMs, activateMs, connects }. `connects` counts TCP connections and DNS lookups,
// which must stay 0 (activation makes no AWS call). Plain CommonJS, run with plain node: a TypeScript
// loader would hook require() and inflate the load time.
// Usage: node bench/activationProbe.cjs <dist/extension.js> <package.json>
'use strict';
const dns = require('node:dns');
const fs = require('node:fs');
const Module = require('node:module');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const [bundle, manifestFile] = process.argv.slice(2);
let connects = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function countedConnect(...args) {
  connects++;
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function countedLookup(...args) {
  connects++;
  return lookup.apply(this, args);
};

/**
 * A value that stands for any part of the VS Code API nobody asked about: callable, constructible, every
 * property another such value, never a thenable, iterable as empty. Assigned properties read back.
 */
function anything() {
  const assigned = new Map();
  const children = new Map();
  return new Proxy(function stub() {}, {
    get(_target, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* empty() {};
      if (prop === Symbol.toPrimitive) return () => '';
      if (typeof prop === 'symbol') return undefined;
      if (!children.has(prop)) children.set(prop, anything());
      return children.get(prop);
    },
    set(_target, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  });
}

/** `anything()` with some members given real behaviour. */
function withMembers(members) {
  const base = anything();
  return new Proxy(members, { get: (target, prop) => (prop in target ? target[prop] : base[prop]) });
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.path = fsPath;
    this.fsPath = fsPath;
  }
  static file(p) {
    return new Uri('file', p);
  }
  static parse(text) {
    const url = new URL(text);
    return new Uri(url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname));
  }
  static joinPath(base, ...segments) {
    return new Uri(base.scheme, path.posix.join(base.path, ...segments));
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
}

class Disposable {
  constructor(onDispose) {
    this.onDispose = onDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose() {
    this.onDispose?.();
  }
}

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
const memento = () => {
  const values = new Map();
  return { get: (key, fallback) => (values.has(key) ? values.get(key) : fallback), update: async (key, value) => void values.set(key, value), keys: () => [...values.keys()], setKeysForSync() {} };
};
/** Every top-level name of the real API (from @types/vscode): bundles copy the module's own keys (__toESM). */
function apiNames() {
  const types = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...types.matchAll(/^\texport (?:class|namespace|enum|const|let|function) (\w+)/gm)].map((match) => match[1]);
}

const vscode = withMembers({
  ...Object.fromEntries(apiNames().map((name) => [name, anything()])),
  Uri,
  Disposable,
  EventEmitter,
  CancellationError: class CancellationError extends Error {},
  workspace: withMembers({ getConfiguration: () => configuration, workspaceFolders: undefined, textDocuments: [] }),
  window: withMembers({ visibleTextEditors: [], activeTextEditor: undefined }),
});

const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-activation-'));
const extensionDir = path.dirname(path.dirname(path.resolve(bundle)));
const context = withMembers({
  subscriptions: [],
  extension: { id: 'rootguard.rootguard', packageJSON: JSON.parse(fs.readFileSync(manifestFile, 'utf8')), extensionUri: Uri.file(extensionDir) },
  extensionUri: Uri.file(extensionDir),
  extensionPath: extensionDir,
  globalState: memento(),
  workspaceState: memento(),
  secrets: withMembers({ get: async () => undefined, store: async () => undefined, delete: async () => undefined }),
  globalStorageUri: Uri.file(path.join(storage, 'global')),
  storageUri: Uri.file(path.join(storage, 'workspace')),
  logUri: Uri.file(path.join(storage, 'logs')),
  extensionMode: 1, // Production
});

const load = Module._load;
Module._load = function loadWithVscode(request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

(async () => {
  const started = performance.now();
  const extension = require(path.resolve(bundle));
  const loaded = performance.now();
  await extension.activate(context);
  const activated = performance.now();
  // Work that activation started without awaiting (promises, immediates) runs before the count is read.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  for (const subscription of context.subscriptions) subscription?.dispose?.();
  fs.rmSync(storage, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded, connects })}\n`);
  process.exit(0);
})().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
