// The demo classes. Most are compliant; the `seeded` notes name the deliberate violations
// (and eligibility edge cases) so that screens and policy tests can point at them.
import type { ProgramCode, SessionMode, TrainingClass } from '../../src-shared/records/records';

export interface ClassPlan {
  id: string;
  organizerId: string;
  program: ProgramCode;
  onlineEdition?: TrainingClass['onlineEdition'];
  name: string;
  district: string;
  venue: string;
  textbook?: string;
  startDate: string;
  endDate: string;
  /** Days before start the plan was approved by the district (negative = after start). */
  approvedDaysBefore: number;
  lecturerIds: string[];
  size: number;
  marketTraineeCount?: number;
  /** Session modes in filing order; every session is 180 minutes = 4 class hours. */
  modes: SessionMode[];
  seeded?: string;
}

const seq = (offline: number, live: number, recorded: number): SessionMode[] => {
  // Offline opening first, then live and recorded interleaved the way organizers file them.
  const rest: SessionMode[] = [];
  for (let l = live, r = recorded; l > 0 || r > 0;) {
    if (l > 0) {
      rest.push('live');
      l--;
    }
    if (r > 0 && r >= l) {
      rest.push('recorded');
      r--;
    }
  }
  return [...Array<SessionMode>(offline).fill('offline'), ...rest];
};

export const SESSION_MINUTES = 180;

export const CLASS_PLANS: ClassPlan[] = [
  {
    id: 'C-2025-HD-B01',
    organizerId: 'org-hd-qiming',
    program: 'basic',
    name: '2025年海淀区创业基础培训（SYB）第1期',
    district: '海淀区',
    venue: '海淀区中关村大街18号启明培训楼302室',
    textbook: 'SYB创业培训教材',
    startDate: '2025-03-10',
    endDate: '2025-04-03',
    approvedDaysBefore: 7,
    lecturerIds: ['lec-001', 'lec-002', 'lec-003'],
    size: 30,
    modes: seq(1, 8, 5),
  },
  {
    id: 'C-2025-HD-B02',
    organizerId: 'org-hd-qingchuang',
    program: 'basic',
    name: '2025年海淀区创业基础培训（SYB）第2期',
    district: '海淀区',
    venue: '海淀区上地信息路26号青创大厦5层',
    textbook: '创业培训一体化教程',
    startDate: '2025-04-07',
    endDate: '2025-05-08',
    approvedDaysBefore: 6,
    lecturerIds: ['lec-004', 'lec-005'],
    size: 41,
    modes: seq(1, 8, 5),
    seeded: '班级人数 41 人，超过 40 人上限（R-CLASS-SIZE）',
  },
  {
    id: 'C-2025-CY-B03',
    organizerId: 'org-cy-wangjing',
    program: 'basic',
    name: '2025年朝阳区大学生创业基础培训第1期',
    district: '朝阳区',
    venue: '朝阳区望京街10号望京众创空间B座2层',
    textbook: '大学生创业培训教程',
    startDate: '2025-04-14',
    endDate: '2025-05-15',
    approvedDaysBefore: -2,
    lecturerIds: ['lec-006', 'lec-003'],
    size: 22,
    modes: seq(1, 8, 5),
    seeded: '培训计划于开班后 2 天（2025-04-16）才经区人社局审核（R-PLAN-APPROVED）',
  },
  {
    id: 'C-2025-CY-O01',
    organizerId: 'org-cy-dianshang',
    program: 'online',
    onlineEdition: 'ecommerce',
    name: '2025年朝阳区网络创业培训（电商版）第1期',
    district: '朝阳区',
    venue: '朝阳区酒仙桥路4号电商产业园3层',
    textbook: '网络创业培训教程（电商版）',
    startDate: '2025-03-17',
    endDate: '2025-04-24',
    approvedDaysBefore: 8,
    lecturerIds: ['lec-007', 'lec-008'],
    size: 18,
    modes: seq(1, 7, 6),
  },
  {
    id: 'C-2025-CY-O02',
    organizerId: 'org-cy-dianshang',
    program: 'online',
    onlineEdition: 'livestream',
    name: '2025年朝阳区网络创业培训（直播版）第1期',
    district: '朝阳区',
    venue: '朝阳区酒仙桥路4号电商产业园直播基地',
    textbook: '网络创业培训教程（直播版）',
    startDate: '2025-04-21',
    endDate: '2025-05-29',
    approvedDaysBefore: 7,
    lecturerIds: ['lec-008', 'lec-009'],
    size: 14,
    modes: seq(1, 5, 8),
    seeded: '录播 32 课时 / 共 56 课时 = 57%，超过 50%（R-RECORDED-MAX）',
  },
  {
    id: 'C-2024-HD-O03',
    organizerId: 'org-hd-qingchuang',
    program: 'online',
    onlineEdition: 'internet-plus',
    name: '2024年海淀区网络创业培训（「互联网+」版）第3期',
    district: '海淀区',
    venue: '海淀区上地信息路26号青创大厦5层',
    textbook: '网络创业培训教程（电商版）',
    startDate: '2024-11-04',
    endDate: '2024-12-05',
    approvedDaysBefore: 10,
    lecturerIds: ['lec-007', 'lec-009'],
    size: 8,
    modes: seq(1, 7, 6),
  },
  {
    id: 'C-2025-HD-EL01',
    organizerId: 'org-hd-qiming',
    program: 'elite-launch',
    name: '2025年海淀区创业菁英训练营·菁英启航训练营',
    district: '海淀区',
    venue: '海淀区中关村大街18号启明培训楼路演厅',
    startDate: '2025-05-06',
    endDate: '2025-05-30',
    approvedDaysBefore: 9,
    lecturerIds: ['lec-010', 'lec-011', 'lec-012'],
    size: 10,
    marketTraineeCount: 5,
    modes: seq(1, 10, 4),
  },
  {
    id: 'C-2025-HD-EP01',
    organizerId: 'org-hd-qingchuang',
    program: 'elite-practice',
    name: '2025年海淀区创业菁英训练营·菁英实战训练营',
    district: '海淀区',
    venue: '海淀区上地信息路26号青创大厦多功能厅',
    startDate: '2025-05-12',
    endDate: '2025-06-05',
    approvedDaysBefore: 7,
    lecturerIds: ['lec-010'],
    size: 9,
    modes: seq(1, 6, 3),
    seeded: '全部直播/线下课程只有 1 名授课教师（R-LECTURERS）',
  },
];

export const SESSION_TITLES: Record<'basic' | 'online' | 'elite', string[]> = {
  basic: [
    '开班仪式与创业意识',
    '创业者素质评价',
    '创业构思与项目选择',
    '市场评估与目标客户',
    '企业组织形式与法律环境',
    '企业人员组织',
    '营销计划',
    '启动资金预测',
    '成本核算与定价',
    '利润计划',
    '财务报表与现金流',
    '企业登记与税务',
    '创业风险与应对',
    '创业计划书撰写与答辩辅导',
  ],
  online: [
    '开班仪式与网络创业概述',
    '电商平台规则与开店',
    '商品选品与定价',
    '视觉设计与详情页',
    '直播间搭建',
    '直播话术与互动',
    '短视频内容策划',
    '流量获取与推广',
    '客户服务与评价管理',
    '物流与供应链',
    '店铺数据分析',
    '网店财务与税务',
    '网络创业规划书撰写',
    '实践成果整理与展示',
  ],
  elite: [
    '开营仪式与企业参访',
    '商业模式画布',
    '股权结构设计',
    '企业战略规划',
    '团队建设与管理',
    '品牌建设',
    '财务管理与税务筹划',
    '知识产权保护',
    '市场营销进阶',
    '数字化转型',
    '融资路演准备',
    '政策解读与资源对接',
    '商业计划书打磨',
    '路演实战',
    '导师一对一辅导',
  ],
};
