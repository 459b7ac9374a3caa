// npm run intake -- --port N [--host 127.0.0.1] [--data DIR]
//                   [--enroll REQUEST.json [--add-key yes] [--out REPLY.json]]
//                   [--file BUNDLE.qhres [--out RECEIPT.json]]
//                   [--package PKG.qhpkg]... [--package-key KEYFILE]
// The reference intake. With --enroll or --file it processes one file and exits; otherwise it
// serves HTTP (POST /v1/bundles, POST /v1/enrollments, GET /v1/health) on loopback by default.
// --package names the work packages the platform issued (verified with --package-key, else
// with the intake's own platform key): their panels say whose signature a panel decision needs.
import { readFile, writeFile } from 'node:fs/promises';
import { bytesToBase64 } from '../../src-shared/wire/envelope';
import { createIntake } from '../services/intake/intake';
import { loadOrCreatePlatformKey, newPlatformKey } from '../services/intake/platformKey';
import { startIntakeServer } from '../services/intake/server';
import { dirStorage, memoryStorage } from '../services/intake/state';
import type { WorkPackageManifest } from '../../src-shared/records/records';
import type { TrustedKeys } from '../services/crypto/ed25519';
import { keysFromTrustFile } from '../services/keys/trustFile';
import { openWorkPackage } from '../services/packages';

const USAGE =
  '用法：npm run intake -- --port 端口 [--host 地址] [--data 目录] [--enroll 注册申请.json | --file 结果包.qhres] [--out 输出文件] [--package 工作包.qhpkg]... [--package-key 公钥文件]';

function parseArgs(argv: string[]): (Record<string, string> & { packages: string[] }) | null {
  const out: Record<string, string> = {};
  const packages: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (!a.startsWith('--') || v === undefined || v.startsWith('--')) return null;
    if (a === '--package') packages.push(v);
    else out[a.slice(2)] = v;
    i++;
  }
  return Object.assign(out, { packages });
}

/** The issued packages, each verified; a message naming the first that is not genuine. */
async function loadPackages(
  files: readonly string[],
  keyFile: string | undefined,
  own: TrustedKeys,
) {
  let trusted = own;
  if (keyFile) {
    const keys = keysFromTrustFile(await readFile(keyFile, 'utf8'));
    if (!keys.ok) return { error: `${keyFile}：${keys.message}` };
    trusted = keys.keys;
  }
  const manifests: WorkPackageManifest[] = [];
  for (const f of files) {
    const opened = await openWorkPackage(f, { trustedKeys: trusted });
    if (!opened.ok) return { error: `${f}：${opened.message}` };
    manifests.push(opened.manifest);
  }
  return { manifests };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const now = new Date();
  const platformKey = args.data
    ? (await loadOrCreatePlatformKey(args.data, now)).key
    : newPlatformKey(now);
  if (!args.data) console.error('提示：未指定 --data，接收记录和平台密钥只保存在内存中');
  const issued = await loadPackages(
    args.packages,
    args['package-key'],
    new Map([[platformKey.key.keyid, platformKey.key.publicKeyRaw]]),
  );
  if ('error' in issued) {
    console.error(`无法使用工作包：${issued.error ?? ''}`);
    return 2;
  }
  const disk = args.data ? dirStorage(args.data) : null;
  const intake = createIntake({
    platformKeys: [platformKey],
    storage: disk ?? memoryStorage(),
    workPackages: issued.manifests,
  });
  if (disk) {
    // Opening the state removes what a crash left behind (*.tmp) before anything is served.
    await disk.load();
    if (disk.orphansRemoved() > 0)
      console.error(`已清理上次异常退出留下的临时文件 ${disk.orphansRemoved()} 个`);
  }
  console.error(`平台公钥（base64）：${bytesToBase64(platformKey.key.publicKeyRaw)}`);
  console.error(`平台密钥指纹：${platformKey.key.keyid}`);

  const emit = async (text: string) => {
    if (args.out) await writeFile(args.out, text);
    else console.log(text);
  };

  if (args.enroll) {
    const r = await intake.enroll(await readFile(args.enroll), {
      allowAdditionalKey: args['add-key'] === 'yes',
    });
    if (!r.ok) {
      console.error(`注册失败（${r.code}）：${r.message}`);
      return 1;
    }
    await emit(r.replyText);
    return 0;
  }
  if (args.file) {
    const r = await intake.acceptBundle(args.file);
    if (!r.ok) {
      console.error(`拒收（${r.code}）：${r.message}`);
      return 1;
    }
    console.error(
      r.duplicate ? '该结果包此前已接收，返回原回执' : `已接收结果包 ${r.receipt.bundleId}`,
    );
    await emit(r.receiptText);
    return 0;
  }

  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(USAGE);
    return 2;
  }
  const host = args.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1' && host !== 'localhost')
    console.error(`注意：接收端监听在 ${host}，不只是本机`);
  const server = await startIntakeServer(intake, {
    port,
    host,
    ...(disk ? { incomingDir: disk.incomingDir } : {}),
  });
  console.error(`参考接收端已启动：${server.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

if (process.argv[1] !== undefined && /cli[\\/]intake\.[cm]?[jt]s$/.test(process.argv[1])) {
  void main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`接收端出错：${(e as Error).message}`);
      process.exit(2);
    },
  );
}
