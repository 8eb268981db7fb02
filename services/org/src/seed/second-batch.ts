// 陕政办发〔2008〕27号 附件: the 48 units of the second deployment batch of the provincial document transmission
// system (seed 002). They join the demo province as provincial-level units and form a saved distribution list.
import type { OrgKind } from '../domain/enums.ts';

export const SECOND_BATCH_LIST_NAME = '第二批部署单位（陕政办发〔2008〕27号附件）';

/** [group in the attachment, kind, unit names] */
export const SECOND_BATCH: [string, OrgKind, string[]][] = [
  ['工作部门', 'DEPARTMENT', ['陕西省监察厅']],
  ['直属事业单位', 'INSTITUTION', ['陕西省科学院', '陕西省核工业地质局', '陕西省煤炭工业局', '陕西省煤田地质局']],
  ['部省双重管理单位', 'CENTRAL_AGENCY', ['陕西煤矿安全监察局', '陕西省通信管理局', '陕西测绘局', '陕西省烟草专卖局']],
  ['其他二级', 'DEPARTMENT', ['陕西省物价局']],
  [
    '国务院各有关部门驻陕单位',
    'CENTRAL_AGENCY',
    [
      '陕西储备物资管理局',
      '陕西省邮政管理局',
      '西安铁路局',
      '民航西北地区管理局',
      '陕西出入境检验检疫局',
      '西安海关',
      '黄河上中游管理局',
      '审计署驻西安特派员办事处',
      '财政部驻陕西省财政监察专员办事处',
      '国家统计局陕西调查总队',
      '中国人民银行西安分行',
      '陕西银监局',
      '陕西证监局',
      '陕西保监局',
      '西北电监局',
      '国家土地督察西安局',
      '环境保护部西北环境保护督查中心',
      '陕西航空工业管理局',
      '陕西省兵器工业管理局',
      '国家电网西北分部',
    ],
  ],
  ['省委、省政府共同管理机构', 'OFFICE', ['陕西省人民政府台湾事务办公室', '陕西省机构编制委员会办公室', '陕西省档案局']],
  ['省政府其他机构', 'INSTITUTION', ['陕西省供销合作社', '西北有色地质勘查局']],
  [
    '直属企业',
    'ENTERPRISE',
    [
      '陕西医药控股集团有限责任公司',
      '陕西物资产业集团总公司',
      '陕西建工集团总公司',
      '陕西省投资集团有限公司',
      '陕西旅游集团公司',
      '陕西延长石油（集团）有限责任公司',
      '陕西有色金属控股集团有限责任公司',
      '陕西省地方电力（集团）有限公司',
      '西部机场集团有限公司',
      '陕西省国际信托投资股份有限公司',
      '陕西煤业化工集团有限责任公司',
      '中国陕西国际经济技术合作公司',
      '陕西省农村信用社联合社',
    ],
  ],
];

/** Short name: the full name without the province prefix, e.g. 陕西省科学院 → 省科学院. */
export const shortNameOf = (name: string) => (name.startsWith('陕西省') ? `省${name.slice(3)}` : name).slice(0, 30);
