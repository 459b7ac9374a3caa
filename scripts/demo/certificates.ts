// The platform's signed certificate records for the demo's numbered certificates (the finished
// 2024 online class): what a real platform sends with each number, and what the QR code on the
// printed certificate carries. Signed with the demo platform key, like the package itself.
import type { PackageRecords } from '../../src-shared/records/records';
import { districtCodeOf } from '../../src-shared/certificates/districts';
import type { CertificateFacts } from '../../src-shared/certificates/signedRecord';
import { JRSNF_2023_25 } from '../../src-shared/policy/pack-jrsnf-2023-25';
import type { SigningKey } from '../../src-main/services/crypto/ed25519';
import { signCertificateRecord } from '../../src-main/services/certificates/signedRecord';
import { addDays } from './calendar';

export function withSignedCertificates(records: PackageRecords, key: SigningKey): PackageRecords {
  const classes = new Map(records.classes.map((c) => [c.id, c]));
  const trainees = new Map(records.trainees.map((t) => [t.id, t]));
  const organizers = new Map(records.organizers.map((o) => [o.id, o]));
  const minutes = new Map<string, number>();
  for (const s of records.sessions)
    minutes.set(s.classId, (minutes.get(s.classId) ?? 0) + s.minutes);
  const certificateNumbers = records.certificateNumbers.map((n) => {
    const cls = classes.get(n.classId)!;
    const t = trainees.get(n.traineeId)!;
    const params = JRSNF_2023_25.programs[cls.program];
    const district = districtCodeOf(cls.district);
    if (!district)
      throw new Error(`demo class ${cls.id}: ${cls.district} is not a Beijing district`);
    const record: CertificateFacts = {
      number: n.number,
      name: t.name,
      idNumberMasked: t.idNumberMasked,
      program: cls.program,
      ...(cls.onlineEdition ? { onlineEdition: cls.onlineEdition } : {}),
      hours: (minutes.get(cls.id) ?? 0) / JRSNF_2023_25.minutesPerHour + params.outcomeHours,
      startDate: cls.startDate,
      endDate: cls.endDate,
      organizer: organizers.get(cls.organizerId)?.name ?? cls.organizerId,
      district,
      issuedOn: addDays(cls.endDate, 21),
    };
    return { ...n, signedRecord: signCertificateRecord(record, key) };
  });
  return { ...records, certificateNumbers };
}
