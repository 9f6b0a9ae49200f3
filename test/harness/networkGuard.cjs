// Preloaded (NODE_OPTIONS=--require) into every Node process of the test VS Code: the server, the
// extension hosts, the pty host, the file watcher. It records each TCP connection to a host other than
// the loopback into ROOTGUARD_NETWORK_LOG, so the runner can fail a run that reached the network:
// the tests must pass on a machine without internet and must never touch a real AWS account.
// Plain CommonJS: it loads before any TypeScript tooling.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const logFile = process.env.ROOTGUARD_NETWORK_LOG;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/i;

/** The host of a Socket#connect call, or undefined for Unix sockets and pipes. */
function targetHost(args) {
  // net.connect() hands over its already normalized [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') return first.path ? undefined : String(first.host || 'localhost');
  if (typeof first === 'number' || /^\d+$/.test(String(first))) return typeof args[1] === 'string' ? args[1] : 'localhost';
  return undefined; // a path: IPC, not network
}

if (logFile) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const host = targetHost(args);
    if (host && !LOOPBACK.test(host)) {
      const role = process.argv.find((a) => a.startsWith('--type=')) || 'server';
      fs.appendFileSync(logFile, `${new Date().toISOString()} pid ${process.pid} (${role}) connects to ${host}\n`);
    }
    return connect.apply(this, args);
  };
}
