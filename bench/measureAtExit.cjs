// Preloaded (`node --require`) into the processes the benches run: at exit, writes the process's own CPU
// time (user + system, V8's helper threads included) in milliseconds to the file named by BENCH_CPU_OUT, and
// its peak resident memory in MB to the file named by BENCH_RSS_OUT, each when named. On a busy machine a
// process's wall time mostly measures the others; its CPU time is its own work.
'use strict';
const fs = require('node:fs');
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.BENCH_CPU_OUT) fs.writeFileSync(process.env.BENCH_CPU_OUT, String((user + system) / 1000));
  if (process.env.BENCH_RSS_OUT) fs.writeFileSync(process.env.BENCH_RSS_OUT, String(process.resourceUsage().maxRSS / 1024));
});
