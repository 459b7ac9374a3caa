// A legitimate bundle's upload latency while ten clients keep posting 1 MB bundle bombs
// (~1 GB each once inflated), against the same upload with nobody else connected. The intake
// runs as its own process (`npm run intake`, loopback only), so its peak RSS is its own:
// read from /proc/<pid>/status (VmHWM). Goals: ratio ≤ 3, peak intake RSS ≤ 300 MiB.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildResultBundle } from '../src-main/services/bundles/build';
import { generateSigningKey } from '../src-main/services/crypto/ed25519';
import { exportEnrollmentRequest } from '../src-main/services/keys/enrollment';
import { signerFromKey } from '../src-main/services/keys/signer';
import { bundleBomb } from '../test/main/bundles/bomb';
import { makeReviews } from '../test/main/bundles/factories';
import { compare, ms, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';

const ATTACKERS = 10;
const RECORDS = 1000;
const REPO = path.resolve(__dirname, '..');
const MiB = 1024 * 1024;

/**
 * The attackers run in a worker thread of their own: on the bench's main thread their ten
 * sockets' writes and reads delayed the legitimate client's own response handling, which is not
 * the intake's latency (a real attacker is not inside the legitimate workstation). Plain JS,
 * evaluated: a worker gets no TypeScript loader.
 */
const ATTACKERS_JS = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, bomb, attackers } = workerData;
const counts = {};
let attacking = true;
let started = 0;
const post = () => new Promise((resolve) => {
  const req = http.request(new URL('/v1/bundles', url), {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': bomb.length },
    agent: false,
  });
  req.on('response', (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
  req.on('error', () => resolve(0));
  req.end(Buffer.from(bomb));
});
const done = Array.from({ length: attackers }, async () => {
  for (let first = true; attacking; first = false) {
    const sent = post();
    if (first && ++started === attackers) parentPort.postMessage('started');
    const status = await sent;
    counts[status] = (counts[status] ?? 0) + 1;
  }
});
parentPort.on('message', async () => {
  attacking = false;
  await Promise.all(done);
  parentPort.postMessage(counts);
});
`;

function post(url: string, route: string, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(route, url), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': body.length },
      agent: false,
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function startIntake(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/cli/intake.ts', '--port', '0', '--data', dataDir],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`intake exited (${code}): ${err}`)));
  });
}

/** Peak resident set of a process so far (Linux: VmHWM), in bytes. */
function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const bench: Benchmark = {
  name: 'intake-under-attack',
  goal: 3,
  async run() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qihang-bench-intake-'));
    const { child, url } = await startIntake(dataDir);
    try {
      const signer = signerFromKey(generateSigningKey());
      const request = exportEnrollmentRequest(signer, {
        id: 'p-bench',
        name: '基准测试',
        role: 'expert',
        district: '海淀区',
      });
      const enrolled = await post(url, '/v1/enrollments', new TextEncoder().encode(request.text));
      if (enrolled !== 200) throw new Error(`enrollment answered ${enrolled}`);
      const built = await buildResultBundle(
        {
          profileId: 'p-bench',
          counter: 1,
          previousBundleHash: null,
          auditLogHead: null,
          records: makeReviews(RECORDS),
        },
        [signer],
      );
      if (!built.ok) throw new Error(built.message);
      const bomb = bundleBomb();

      // Posting the same bundle again is verified in full and answered with the same receipt.
      const upload = async () => {
        const start = performance.now();
        const status = await post(url, '/v1/bundles', built.bytes);
        if (status !== 200) throw new Error(`legitimate upload answered ${status}`);
        return performance.now() - start;
      };
      const refused = new Map<number, number>();
      const underAttack = async () => {
        const worker = new Worker(ATTACKERS_JS, {
          eval: true,
          workerData: { url, bomb, attackers: ATTACKERS },
        });
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
        const took = await upload();
        const counts = new Promise<Record<string, number>>((resolve) =>
          worker.once('message', resolve),
        );
        worker.postMessage('stop');
        for (const [status, n] of Object.entries(await counts))
          refused.set(Number(status), (refused.get(Number(status)) ?? 0) + n);
        await worker.terminate();
        return took;
      };
      const result = await compare(underAttack, upload);
      return {
        ...resultOf(result),
        details: {
          'legit bundle bytes': built.bytes.length,
          'bomb bytes': bomb.length,
          'bombs refused (status: count)': [...refused].map(([s, n]) => `${s}: ${n}`).join(', '),
          'peak intake RSS MiB (goal <= 300)': ms(peakRss(child.pid!) / MiB),
        },
      };
    } finally {
      child.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
