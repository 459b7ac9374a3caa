// Demo trainees: key employment groups for basic/online classes, and certificate holders,
// award winners and young-firm heads for the elite camps.
import type { Trainee } from '../../src-shared/records/records';
import { addDays, addMonths } from './calendar';
import { ELITE_PROJECTS, SCHOOLS } from './catalog';
import type { ClassPlan } from './classes';
import { makeUniqueName } from './names';
import type { Rng } from './prng';
import type { Ctx } from './types';

const GROUP_WEIGHTS: Array<[Trainee['targetGroup'], number]> = [
  ['graduate', 0.42],
  ['registered-unemployed', 0.25],
  ['rural-migrant', 0.2],
  ['veteran', 0.13],
];

function pickGroup(rng: Rng): Trainee['targetGroup'] {
  let x = rng.next();
  for (const [g, w] of GROUP_WEIGHTS) {
    if ((x -= w) < 0) return g;
  }
  return 'graduate';
}

const AREA_CODES = [
  '110108',
  '110105',
  '110102',
  '110106',
  '130102',
  '370102',
  '410105',
  '430111',
  '210203',
];

function baseTrainee(ctx: Ctx, birthYears: [number, number], name?: string): Trainee {
  const { rng } = ctx;
  const gender = rng.chance(0.5) ? 'F' : 'M';
  const id = `T-${String(ctx.nextTrainee++).padStart(5, '0')}`;
  const birthDate = `${rng.int(birthYears[0], birthYears[1])}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const tail = `${rng.int(100, 999)}${rng.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}`;
  return {
    id,
    name: name ?? makeUniqueName(rng, gender, ctx.usedNames),
    gender,
    birthDate,
    idNumberMasked: `${rng.pick(AREA_CODES)}********${tail}`,
    phoneMasked: `1${rng.pick(['38', '39', '58', '86', '35', '52'])}****${rng.int(1000, 9999)}`,
    targetGroup: 'none',
    history: [],
  };
}

export function keyGroupTrainee(ctx: Ctx, plan: ClassPlan, name?: string): Trainee {
  const { rng } = ctx;
  const group = pickGroup(rng);
  const years: Record<string, [number, number]> = {
    graduate: [2000, 2003],
    'registered-unemployed': [1978, 1998],
    'rural-migrant': [1976, 2000],
    veteran: [1988, 2000],
  };
  const t = baseTrainee(ctx, years[group] ?? [1990, 2000], name);
  t.targetGroup = group;
  if (group === 'graduate') {
    const vocational = rng.chance(0.3);
    const gradYear = Number(plan.startDate.slice(0, 4)) - rng.int(0, 1);
    t.graduate = {
      school: rng.pick(vocational ? SCHOOLS.beijingVocational : SCHOOLS.beijingUniversity),
      schoolInBeijing: true,
      beijingOrigin: rng.chance(0.4),
      level: vocational ? 'vocational' : 'university',
      graduationDate: `${gradYear}-${rng.pick(['06-30', '07-01', '06-28'])}`,
      employed: false,
    };
  } else if (group === 'registered-unemployed') {
    t.unemployedRegisteredAt = addDays(plan.startDate, -rng.int(20, 300));
  }
  return t;
}

export function eliteTrainee(ctx: Ctx, plan: ClassPlan, index: number): Trainee {
  const { rng } = ctx;
  const t = baseTrainee(ctx, [1985, 2000]);
  const earlierProgram = rng.chance(0.6) ? 'basic' : 'online';
  const earlierDone = addDays(plan.startDate, -rng.int(400, 800));
  const certPrefix = earlierProgram === 'basic' ? 'BJJC' : 'BJWL';
  if (plan.program === 'elite-launch') {
    if (index === 2) {
      t.competitionAward = { level: 'district', name: '海淀区青年创新创业大赛优秀奖' };
      ctx.notes[t.id] =
        '菁英启航：仅有区级比赛奖项、无培训合格证书，不符合报名条件（R-ELITE-ELIGIBLE）';
    } else if (index % 4 === 1) {
      t.competitionAward = { level: 'city', name: '“创业北京”创业创新大赛三等奖' };
    } else {
      t.history.push({
        program: earlierProgram,
        classId: `C-${earlierDone.slice(0, 4)}-XC-${earlierProgram === 'basic' ? 'B' : 'O'}${rng.int(10, 40)}`,
        completedAt: earlierDone,
        subsidised: true,
        certificateNumber: `${certPrefix}-${earlierDone.slice(0, 4)}-${String(rng.int(1, 19999)).padStart(6, '0')}`,
      });
    }
    return t;
  }
  // elite-practice: heads of firms registered within 12 months of the class start.
  const outside = index === 3;
  const registeredAt = outside
    ? addMonths(plan.startDate, -16)
    : addDays(plan.startDate, -rng.int(40, 330));
  const individual = rng.chance(0.3);
  const [project] = rng.pick(ELITE_PROJECTS);
  t.business = {
    kind: individual ? 'individual' : 'company',
    name: individual ? `北京市海淀区${project}经营部` : `北京${project.slice(0, 4)}科技有限公司`,
    role: individual ? 'operator' : rng.pick(['legal-rep', 'legal-rep', 'shareholder'] as const),
    registeredAt,
    inBeijing: true,
    smallOrMicro: true,
  };
  if (outside)
    ctx.notes[t.id] =
      `菁英实战：企业于 ${registeredAt} 登记，开班时已超过 12 个月（R-ELITE-ELIGIBLE）`;
  return t;
}
