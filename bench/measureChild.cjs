// Preloaded into a benchmarked CLI process (node --require): on exit, writes its CPU time and peak
// resident memory to the file RG_BENCH_USAGE names, so the bench reads them without timing from outside.
const fs = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeFileSync(process.env.RG_BENCH_USAGE, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS }));
});
