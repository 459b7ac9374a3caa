// Beijing's 16 districts by their administrative division code (GB/T 2260): a version 2
// certificate record names its issuing bureau by the 6-digit code, and the verifier and the
// certificate print the bureau's full name from this table, so the QR code need not carry it.
export const BEIJING_DISTRICTS = {
  '110101': '东城区',
  '110102': '西城区',
  '110105': '朝阳区',
  '110106': '丰台区',
  '110107': '石景山区',
  '110108': '海淀区',
  '110109': '门头沟区',
  '110111': '房山区',
  '110112': '通州区',
  '110113': '顺义区',
  '110114': '昌平区',
  '110115': '大兴区',
  '110116': '怀柔区',
  '110117': '平谷区',
  '110118': '密云区',
  '110119': '延庆区',
} as const satisfies Record<string, string>;

export type DistrictCode = keyof typeof BEIJING_DISTRICTS;

export function isDistrictCode(code: string): code is DistrictCode {
  return Object.hasOwn(BEIJING_DISTRICTS, code);
}

/** 海淀区 → 110108; undefined for a name that is not one of the 16 districts. */
export function districtCodeOf(name: string): DistrictCode | undefined {
  return (Object.keys(BEIJING_DISTRICTS) as DistrictCode[]).find(
    (c) => BEIJING_DISTRICTS[c] === name,
  );
}

/** The district bureau that issues certificates: 北京市海淀区人力资源和社会保障局. */
export function issuerName(code: DistrictCode): string {
  return `北京市${BEIJING_DISTRICTS[code]}人力资源和社会保障局`;
}
