/**
 * Preloaded (NODE_OPTIONS=--require) into a bot process a test starts. Every outgoing connection is noted; one to
 * anything but this machine is refused before a packet leaves. On exit it writes NETWORK_REPORT_FILE: the connections,
 * the refused ones, and the OpenTelemetry / Azure Monitor modules the process loaded.
 */
const fs = require('node:fs');
const net = require('node:net');

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])$/;
const connections = [];
const refused = [];
const originalConnect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connect(...args) {
  // net normalises its arguments to [options, callback] before it gets here; a direct call may pass (port, host).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (options.path) return originalConnect.apply(this, args);
  const host = typeof options.host === 'string' ? options.host : 'localhost';
  const target = `${host}:${options.port}`;
  if (!LOOPBACK.test(host)) {
    refused.push(target);
    const error = Object.assign(new Error(`network-report: ${target} is not on this machine`), {
      code: 'ECONNREFUSED',
    });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  connections.push(target);
  return originalConnect.apply(this, args);
};

process.on('exit', () => {
  const file = process.env.NETWORK_REPORT_FILE;
  if (!file) return;
  const telemetryModules = Object.keys(require.cache).filter((loaded) =>
    /[\\/]node_modules[\\/](@azure[\\/]monitor-|@opentelemetry[\\/])/.test(loaded),
  );
  fs.writeFileSync(file, JSON.stringify({ connections, refused, telemetryModules }));
});
