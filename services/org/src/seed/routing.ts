// The seeds' routing rules, attached to the demo province (and one to a provincial department).
import type { RuleData } from '../domain/routing.ts';

export type SeedRule = Omit<RuleData, 'id' | 'orgPath'> & { attachedTo: string };

const REPORTS = ['请示', '报告', '意见', '函', '简报'];

/**
 * attachedTo: '610000' is the provincial government; 'DEPT:陕西省应急管理厅' a department by name. The names are what an
 * administrator reads in 系统管理 and a drafter in the routing check: plain words, no references. Where each comes from:
 * downward sends DESIGN §3 and seed 002 三; reports upward seed 000 §4 and seed 002 四, and a government's own departments
 * and units to it seed 001 §12 (any kind: its 直属事业单位 report as its departments do); lateral seed 001 §13; the
 * bureau that accepts nothing from below city level seed 000 §9.
 */
export const SEED_RULES: SeedRule[] = [
  {
    attachedTo: '610000',
    name: '上级向下级发文：省、市政府及其部门向下级单位发送各类公文',
    side: 'SENDER',
    direction: 'DOWN',
    effect: 'ALLOW',
    senderLevels: null,
    senderKinds: null,
    receiverLevels: null,
    receiverKinds: null,
    docTypes: null,
    maxDepth: null,
  },
  {
    attachedTo: '610000',
    name: '市级单位向省级报送请示、报告、意见、函和简报',
    side: 'SENDER',
    direction: 'UP',
    effect: 'ALLOW',
    senderLevels: ['CITY'],
    senderKinds: null,
    receiverLevels: ['PROVINCE'],
    receiverKinds: null,
    docTypes: REPORTS,
    maxDepth: 1,
  },
  {
    attachedTo: '610000',
    name: '县级单位向市级报送请示、报告、意见、函和简报',
    side: 'SENDER',
    direction: 'UP',
    effect: 'ALLOW',
    senderLevels: ['COUNTY'],
    senderKinds: null,
    receiverLevels: ['CITY'],
    receiverKinds: null,
    docTypes: REPORTS,
    maxDepth: 1,
  },
  {
    attachedTo: '610000',
    name: '县级单位向省级只报送一种简报',
    side: 'SENDER',
    direction: 'UP',
    effect: 'ALLOW',
    senderLevels: ['COUNTY'],
    senderKinds: null,
    receiverLevels: ['PROVINCE'],
    receiverKinds: null,
    docTypes: ['简报'],
    maxDepth: 2,
  },
  {
    attachedTo: '610000',
    name: '本级政府的部门和所属单位向本级政府报送（同级上行）',
    side: 'SENDER',
    direction: 'UP',
    effect: 'ALLOW',
    senderLevels: null,
    senderKinds: null,
    receiverLevels: null,
    receiverKinds: null,
    docTypes: REPORTS,
    maxDepth: 0,
  },
  {
    attachedTo: '610000',
    name: '同级单位之间平行传送',
    side: 'SENDER',
    direction: 'LATERAL',
    effect: 'ALLOW',
    senderLevels: null,
    senderKinds: null,
    receiverLevels: null,
    receiverKinds: null,
    docTypes: null,
    maxDepth: null,
  },
  {
    attachedTo: 'DEPT:陕西省应急管理厅',
    name: '省应急管理厅不接收市级以下单位的公文',
    side: 'RECEIVER',
    direction: 'UP',
    effect: 'DENY',
    senderLevels: ['COUNTY'],
    senderKinds: null,
    receiverLevels: null,
    receiverKinds: null,
    docTypes: null,
    maxDepth: null,
  },
];
