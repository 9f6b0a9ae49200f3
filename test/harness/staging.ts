// Installs into the cache go to `<dir>.installing-<pid>` and are renamed into place when complete, so a
// half-finished install (Ctrl+C, a failed build) is never used and two runs that install at once cannot
// corrupt each other. Stagings whose process is gone are thrown away.
import fs from 'node:fs';
import path from 'node:path';

export function removeAbandonedStagings(dir: string): void {
  const prefix = `${path.basename(dir)}.installing-`;
  if (!fs.existsSync(path.dirname(dir))) return;
  for (const name of fs.readdirSync(path.dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (isAlive(pid)) continue;
    fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
