// Certificate batch: 1,000 certificates as one PDF with one HarfBuzz font subset embedded once
// (ours) vs the same 1,000 certificates as separate one-page PDFs, each subsetting and
// embedding its own font (the baseline a naive "one file per certificate" printer would be).
// Goal: ours ≤ 0.2× the baseline's time, and the batch ≤ 1 MB.
// The baseline is given its best chance: it subsets from a font already reduced to the union
// of the 1,000 certificates' characters (re-reading the 15 MB font for every PDF would take
// minutes per run), while ours subsets the full font once per batch as the app does.
// CERT_BENCH_RUNS sets the timed runs per side (default 15, alternating).
import {
  certificatePage,
  docCharacters,
  type CertificateDoc,
} from '../src-shared/certificates/certificateDoc';
import type { CertificateFacts } from '../src-shared/certificates/signedRecord';
import { issuerName } from '../src-shared/certificates/districts';
import { parseTemplateFile } from '../src-shared/certificates/template';
import { generateSigningKey } from '../src-main/services/crypto/ed25519';
import { signCertificateRecord } from '../src-main/services/certificates/signedRecord';
import { certificatePdf } from '../src-main/services/documents/certificatePdf';
import { loadFont, subsetFor } from '../src-main/services/documents/cjkFont';
import { compare, resultOf } from './lib/measure';
import type { Benchmark } from './lib/types';
import templatesJson from '../resources/certificates/templates.json';

const COUNT = 1000;
const RUNS = Number(process.env.CERT_BENCH_RUNS ?? 15);
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉浩宇轩然博文思远子涵欣怡梓萱雨泽晨曦佳琪';

function pages(): CertificateDoc {
  const parsed = parseTemplateFile(templatesJson, 'templates.json');
  if (!parsed.ok) throw new Error(parsed.message);
  const template = parsed.file.templates[0]!;
  const key = generateSigningKey();
  const out = [];
  for (let i = 0; i < COUNT; i++) {
    const name =
      SURNAMES[i % SURNAMES.length]! +
      GIVEN[(i * 7) % GIVEN.length]! +
      (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
    const facts: CertificateFacts = {
      number: `BJJC-2025-${String(i + 1).padStart(6, '0')}`,
      name,
      idNumberMasked: `110108********${String(1000 + i).slice(-4)}`,
      program: 'basic',
      hours: 56,
      startDate: '2025-03-03',
      endDate: '2025-03-28',
      organizer: `北京第${Math.floor(i / 40) + 1}职业技能培训学校`,
      district: '110108',
      issuedOn: '2025-04-18',
    };
    out.push(
      certificatePage(
        {
          traineeId: `T-${String(i).padStart(5, '0')}`,
          record: { ...facts, v: 2, district: '110108', issuer: issuerName('110108') },
          signedRecord: signCertificateRecord(facts, key),
          programName: '创业基础培训',
        },
        template,
      ),
    );
  }
  return { title: template.certificateName, fonts: template.fonts, pages: out };
}

const bench: Benchmark = {
  name: 'certificates',
  goal: 0.2,
  async run() {
    const font = await loadFont('noto-serif-sc');
    const doc = pages();
    const reduced = { ...font, bytes: await subsetFor(font, docCharacters(doc)) };
    const now = new Date('2025-04-18T02:00:00Z');
    let batchBytes = 0;
    let separateBytes = 0;
    const r = await compare(
      async () => {
        batchBytes = (await certificatePdf(doc, { fonts: [font], now })).byteLength;
      },
      async () => {
        let total = 0;
        for (const page of doc.pages)
          total += (await certificatePdf({ ...doc, pages: [page] }, { fonts: [reduced], now }))
            .byteLength;
        separateBytes = total;
      },
      { runs: RUNS, warmup: 1 },
    );
    return {
      ...resultOf(r),
      details: {
        'batch PDF bytes': batchBytes,
        'batch ≤ 1 MB': batchBytes <= 1024 * 1024 ? 'yes' : 'NO',
        '1,000 separate PDFs bytes': separateBytes,
      },
    };
  },
};
export default bench;
