/**
 * V8 code caches for the CLI's bundles. Node compiles a bundle every time a process loads it: about a
 * tenth of a one-shot `rootguard lint` went to compiling the 1.5 MB lint bundle and, as the lint ran, the
 * functions V8 compiles lazily. The build runs the CLI once over the demo workspace and keeps what V8
 * compiled (`vm.Script#createCachedData`) beside the bundles; later runs hand it back to V8.
 *
 * A cache is found by the SHA-256 of the bundle's text, so a rebuilt bundle never meets an old cache (V8's
 * own check compares only the text's length). V8 rejects a cache from another V8 version or other flags,
 * and a damaged one; the bundle is then compiled as usual. Nothing is written at run time: only the build
 * (`ROOTGUARD_RECORD_CODE_CACHE=1`) writes, into the bundles' own folder.
 *
 * Node 22 has this built in (`module.enableCompileCache`); this package still runs on Node 20.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The folder, beside the bundles, that holds their caches. */
export const CODE_CACHE_FOLDER = 'code-cache';

/** The environment variable that makes a run record the caches of the bundles it loaded. */
export const RECORD_CODE_CACHE = 'ROOTGUARD_RECORD_CODE_CACHE';

interface LoadedBundle {
  readonly script: vm.Script;
  readonly cacheFile: string;
}

/** The parts of node's CommonJS module this hooks, which `@types/node` does not declare. */
interface CompilingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

type ModuleInternals = {
  prototype: CompilingModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CompilingModule, isMain: boolean, options?: { paths?: string[] }): string;
  _cache: NodeJS.Dict<NodeModule>;
};

/**
 * Loads the CommonJS files of `bundleDir` through V8 code caches while installed. Files elsewhere (the
 * package's dependencies, Node's own modules) load as before.
 */
export class CodeCache {
  private readonly loaded: LoadedBundle[] = [];
  private readonly accepted = new Set<string>();
  private restore: (() => void) | undefined;

  /** `mainModule`: the process's entry module, which node gives every module as `require.main`. */
  constructor(
    private readonly bundleDir: string,
    private readonly mainModule: NodeModule | undefined,
  ) {}

  install(): this {
    const internals = Module as unknown as ModuleInternals;
    const original = internals.prototype._compile;
    const cache = this;
    internals.prototype._compile = function compileWithCodeCache(this: CompilingModule, content: string, filename: string) {
      if (path.dirname(filename) !== cache.bundleDir) return original.call(this, content, filename);
      return cache.compile(this, internals, content, filename);
    };
    this.restore = () => {
      internals.prototype._compile = original;
    };
    return this;
  }

  uninstall(): void {
    this.restore?.();
    this.restore = undefined;
  }

  /** The bundles whose cache V8 took, by file name (for tests and `--verbose` diagnostics). */
  acceptedBundles(): string[] {
    return [...this.accepted];
  }

  /** Writes the cache of every bundle loaded so far: what V8 has compiled of it by now. */
  record(): void {
    fs.mkdirSync(path.join(this.bundleDir, CODE_CACHE_FOLDER), { recursive: true });
    for (const { script, cacheFile } of this.loaded) {
      const partial = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
    }
  }

  private compile(module: CompilingModule, internals: ModuleInternals, content: string, filename: string): unknown {
    const digest = createHash('sha256').update(content).digest('hex').slice(0, 32);
    const cacheFile = path.join(this.bundleDir, CODE_CACHE_FOLDER, `${path.basename(filename)}.${digest}.bin`);
    const cachedData = readIfPresent(cacheFile);
    const script = new vm.Script(internals.wrap(content), { filename, cachedData });
    if (cachedData && !script.cachedDataRejected) this.accepted.add(path.basename(filename));
    this.loaded.push({ script, cacheFile });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(module.exports, module.exports, requireFor(module, internals, this.mainModule), module, filename, path.dirname(filename));
  }
}

/** The `require` a CommonJS module is given, as node builds it. */
function requireFor(module: CompilingModule, internals: ModuleInternals, mainModule: NodeModule | undefined): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  require.main = mainModule;
  require.cache = internals._cache;
  return require;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
