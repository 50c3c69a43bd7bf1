// Measures what a newcomer waits for: milliseconds from `npm start` (or the command given after `--`)
// to the server's "listening" log line, then stops the server. One JSON line per run with the load
// average before and after (the machine may be shared). Environment as given (PORT=0 picks a free port).
//   node scripts/start-to-listen.js [--runs N] [-- command args...]
/* global process, console, setTimeout, performance */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const command = dash === -1 ? ['npm', 'start'] : argv.slice(dash + 1);
const runsAt = argv.indexOf('--runs');
const runs = runsAt === -1 ? 1 : Number(argv[runsAt + 1]);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** One start: resolves with the milliseconds to "listening", after the server has stopped. */
function once() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const [file = 'npm', ...args] = command;
    // Its own process group, so npm and the server it starts stop together.
    const child = spawn(file, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let ms;
    const onData = (chunk) => {
      out += chunk.toString();
      if (ms === undefined && /"msg":"listening"/.test(out)) {
        ms = Math.round(performance.now() - t0);
        process.kill(-child.pid, 'SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      if (ms === undefined) {
        reject(new Error(`exited before listening:\n${out.slice(-2000)}`));
      } else {
        setTimeout(() => resolve(ms), 500);
      }
    });
  });
}

for (let i = 0; i < runs; i += 1) {
  const before = load();
  const ms = await once();
  console.log(
    JSON.stringify({ command: command.join(' '), ms, loadBefore: before, loadAfter: load() }),
  );
}
