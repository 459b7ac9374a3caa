import { describe, expect, it } from 'vitest';
import { certificateCandidates } from '../../../src-shared/certificates/eligibility';
import { certificateNumberOf, makeCertificateCase } from '../../fixtures/certificates';

const asOf = '2025-06-30';
const rows = (
  records: ReturnType<typeof makeCertificateCase>,
  panel?: Parameters<typeof certificateCandidates>[1]['panelOutcomes'],
) => certificateCandidates(records, { asOf, panelOutcomes: panel })[0]!.candidates;

describe('certificate eligibility', () => {
  it('prints a trainee with a platform number and a platform record, and says why', () => {
    const [first] = rows(makeCertificateCase());
    expect(first).toMatchObject({
      status: 'printable',
      printable: true,
      outcomeSource: 'platform',
    });
    expect(first!.reason).toContain('平台记录合格');
    expect(first!.reason).toContain('56');
    expect(first!.reason).toContain(certificateNumberOf(0));
  });

  it('lists a trainee without a number as 待平台编号 and never printable, even when the panel passed', () => {
    const records = makeCertificateCase({ numbered: [0] });
    const t2 = records.trainees[1]!;
    const list = rows(records, [{ classId: 'c-1', traineeId: t2.id, passed: true }]);
    const row = list.find((c) => c.traineeId === t2.id)!;
    expect(row.status).toBe('awaiting-number');
    expect(row.printable).toBe(false);
    expect(row.reason).toContain('待平台编号');
    expect(row.reason).toContain('本机会审');
    // Nothing is made up: no number, no record.
    expect(row.number).toBeUndefined();
    expect(row.signedRecord).toBeUndefined();
    const t3 = list.find((c) => c.traineeId === records.trainees[2]!.id)!;
    expect(t3).toMatchObject({ status: 'awaiting-number', printable: false });
    expect(t3.reason).toContain('成果评审结果尚未录入');
  });

  it('never changes the platform number: the row carries it exactly as the package has it', () => {
    const records = makeCertificateCase();
    const list = rows(records);
    expect(list.map((c) => c.number)).toEqual(records.certificateNumbers.map((n) => n.number));
    expect(list.map((c) => c.signedRecord)).toEqual(
      records.certificateNumbers.map((n) => n.signedRecord),
    );
  });

  it('never prints a trainee whose outcome did not pass', () => {
    const records = makeCertificateCase({ numbered: [0] });
    const list = rows(records, [
      { classId: 'c-1', traineeId: records.trainees[1]!.id, passed: false },
    ]);
    const row = list[1]!;
    expect(row).toMatchObject({ status: 'not-passed', printable: false, outcome: false });
    expect(row.reason).toContain('成果评审不合格');
  });

  it('shows a failed local panel decision against a platform number as a conflict, not printable', () => {
    const records = makeCertificateCase();
    const list = rows(records, [
      { classId: 'c-1', traineeId: records.trainees[0]!.id, passed: false },
    ]);
    expect(list[0]).toMatchObject({ status: 'conflict', printable: false });
    expect(list[0]!.reason).toContain('冲突');
  });

  it('holds back a numbered trainee whose hours fall short, with the engine’s figures', () => {
    const list = rows(makeCertificateCase({ minutes: 51 * 45 }));
    expect(list[0]).toMatchObject({ status: 'hours-short', printable: false });
    expect(list[0]!.reason).toContain('55 课时（要求 56）');
  });

  it('accepts exactly the minimum (56 hours including the 4 outcome hours)', () => {
    expect(rows(makeCertificateCase({ minutes: 52 * 45 }))[0]!.printable).toBe(true);
  });

  it('refuses a number without the platform’s signed record', () => {
    const records = makeCertificateCase();
    delete records.certificateNumbers[0]!.signedRecord;
    expect(rows(records)[0]).toMatchObject({ status: 'record-missing', printable: false });
  });

  it('refuses a signed record that names someone else', () => {
    const records = makeCertificateCase({
      tweak: (r, i) => (i === 1 ? { ...r, name: '赵六' } : r),
    });
    const row = rows(records)[1]!;
    expect(row).toMatchObject({ status: 'record-mismatch', printable: false });
    expect(row.reason).toContain('赵六');
  });

  it('refuses a number the engine finds duplicated', () => {
    const records = makeCertificateCase();
    records.certificateNumbers[1]!.number = records.certificateNumbers[0]!.number;
    const list = rows(records);
    expect(list[0]).toMatchObject({ status: 'number-invalid', printable: false });
    expect(list[0]!.reason).toContain('证书编号重复');
  });
});
