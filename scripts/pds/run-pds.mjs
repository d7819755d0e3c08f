// Herald: offline AT Protocol stack for the Bluesky connector tests.
// Runs an in-memory did:plc directory (@did-plc/server) and a PDS (@atproto/pds) in one Node
// process, both on 127.0.0.1 only. Stop it with SIGTERM (or SIGINT).
//
// Usage (from any directory):  node scripts/pds/run-pds.mjs
// Optional: PDS_EXIT_WITH_PARENT=<pid> stops the servers when that process is gone.
// Required environment: PDS_PORT, PLC_PORT, PDS_DATA_DIRECTORY, PDS_BLOBSTORE_DISK_LOCATION,
//   PDS_JWT_SECRET, PDS_ADMIN_PASSWORD, PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX.
// The Python test fixture (tests/connectors/pds.py) sets all of these.
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Resolve packages from scripts/pds/node_modules, whatever the working directory is.
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));

// The PDS and PLC servers call app.listen(port), i.e. all interfaces, and have no bind
// setting. Force every TCP listen() in this process onto the loopback interface.
const origListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const a0 = args[0];
  if (typeof a0 === 'number' || (typeof a0 === 'string' && /^\d+$/.test(a0))) {
    const cbs = args.slice(1).filter((x) => typeof x === 'function');
    return origListen.call(this, Number(a0), '127.0.0.1', ...cbs);
  }
  if (a0 && typeof a0 === 'object' && a0.port !== undefined && !a0.path) {
    args[0] = { ...a0, host: '127.0.0.1' };
  }
  return origListen.apply(this, args);
};

// Safe defaults: local dev mode, no invites, no crawlers, no outside services.
process.env.PDS_HOSTNAME ||= 'localhost';
process.env.PDS_DEV_MODE ||= 'true';
process.env.PDS_INVITE_REQUIRED ||= 'false';
for (const name of ['PDS_CRAWLERS', 'PDS_BSKY_APP_VIEW_URL', 'PDS_BSKY_APP_VIEW_DID',
  'PDS_REPORT_SERVICE_URL', 'PDS_REPORT_SERVICE_DID', 'PDS_EMAIL_SMTP_URL']) {
  delete process.env[name];
}

const t0 = Date.now();
const plcPort = Number(process.env.PLC_PORT || 2582);
const plcLib = require('@did-plc/server');
const plc = plcLib.PlcServer.create({ db: plcLib.Database.mock(), port: plcPort });
await plc.start();
console.log(`PLC listening on http://127.0.0.1:${plcPort} (${Date.now() - t0} ms)`);

// Say "localhost", not an IP literal: the PDS validates this URL.
process.env.PDS_DID_PLC_URL ||= `http://localhost:${plcPort}`;
const pdsLib = await import(require.resolve('@atproto/pds'));
const { PDS, envToCfg, envToSecrets, readEnv } = pdsLib.default?.PDS ? pdsLib.default : pdsLib;
const env = readEnv();
const pds = await PDS.create(envToCfg(env), envToSecrets(env));
await pds.start();
console.log(`PDS listening on http://127.0.0.1:${env.port} (ready ${Date.now() - t0} ms after launch)`);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping PDS and PLC`);
  try {
    await pds.destroy();
    await plc.destroy();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

// Optional watchdog: exit when the process that started us is gone (e.g. a killed test run).
const parent = Number(process.env.PDS_EXIT_WITH_PARENT || 0);
if (parent > 0) {
  setInterval(() => {
    try { process.kill(parent, 0); } catch { stop('parent exited'); }
  }, 1000).unref();
}
