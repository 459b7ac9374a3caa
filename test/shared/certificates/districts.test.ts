import { describe, expect, it } from 'vitest';
import {
  BEIJING_DISTRICTS,
  districtCodeOf,
  isDistrictCode,
  issuerName,
} from '../../../src-shared/certificates/districts';

describe('Beijing district codes', () => {
  it('lists the 16 districts once each, all under 1101', () => {
    const codes = Object.keys(BEIJING_DISTRICTS);
    expect(codes).toHaveLength(16);
    expect(new Set(Object.values(BEIJING_DISTRICTS)).size).toBe(16);
    for (const c of codes) expect(c).toMatch(/^1101\d\d$/);
  });

  it('names the issuing bureau from the code, and finds the code from the district name', () => {
    expect(issuerName('110108')).toBe('北京市海淀区人力资源和社会保障局');
    expect(districtCodeOf('朝阳区')).toBe('110105');
    expect(districtCodeOf('海淀')).toBeUndefined();
    expect(isDistrictCode('110110')).toBe(false);
    expect(isDistrictCode('toString')).toBe(false);
  });
});
