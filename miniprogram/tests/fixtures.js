// Backend answers used by the tests, shaped like the API contract.

const gongan = { code: 'gongan', name: '市公安局', short_name: '公安', phone: '0571-87280000', address: '市民中心 A 座' };

const hukou = {
  code: 'GA0101',
  name: '户口迁入',
  department: { code: 'gongan', name: '市公安局' },
  kind: '行政确认',
  online_level: 4,
  channels: ['mobile', 'window'],
  id_only: true,
  summary: '办理户口迁入本市',
};

const socialCard = {
  code: 'RS0201',
  name: '社保卡申领',
  department: { code: 'renshe', name: '市人力社保局' },
  kind: '公共服务',
  online_level: 5,
  channels: ['mobile', 'online'],
  id_only: true,
  summary: '首次申领社会保障卡',
};

const birthBundle = {
  code: 'birth',
  name: '出生一件事',
  summary: '出生医学证明、户口登记、医保参保一次办',
  lead_department: { code: 'weijian', name: '市卫健委' },
  services: [{ code: 'GA0101', name: '户口迁入' }, { code: 'YB0301', name: '城乡居民医保参保登记' }],
  promised_days: 3,
};

const home = {
  hot: [hukou, socialCard],
  bundles: [birthBundle],
  notice: '五一假期期间窗口暂停服务，掌上办照常受理',
};

const idCard = {
  name: '居民身份证', form: 'original', copies: 1, required: true, source: 'shared', dataset: 'licence',
  dataset_label: '电子证照库', licence_type: '居民身份证', note: null, exempt: true,
};
const hukouBook = {
  name: '居民户口簿', form: 'original', copies: 1, required: true, source: 'shared', dataset: 'licence',
  dataset_label: '电子证照库', licence_type: '居民户口簿', note: null, exempt: true,
};
const applicationForm = {
  name: '户口迁移申请表', form: 'original', copies: 1, required: true, source: 'citizen', dataset: null,
  dataset_label: null, licence_type: null, note: '可现场填写', exempt: false,
};
const admissionProof = {
  name: '准予迁入证明', form: 'original', copies: 1, required: true, source: 'citizen', dataset: null,
  dataset_label: null, licence_type: null, note: null, exempt: false,
};
const housing = {
  name: '房屋产权证明', form: 'copy', copies: 1, required: true, source: 'shared', dataset: 'real_estate',
  dataset_label: '不动产登记信息', licence_type: null, note: null, exempt: true,
};

// GET /api/v1/services/GA0101?answers=… : non-local hukou needs two more materials and 5 days.
function hukouGuide(requested = {}) {
  const answers = { local_hukou: 'yes', ...requested };
  const local = answers.local_hukou === 'yes';
  return {
    ...hukou,
    version: 3,
    department: gongan,
    audience: 'citizen',
    legal_basis: ['《中华人民共和国户口登记条例》第十条'],
    conditions: ['在本市有合法稳定住所', '符合本市落户政策'],
    situations: [{
      key: 'local_hukou',
      question: '迁出地是否为本市？',
      options: [{ value: 'yes', label: '本市迁入' }, { value: 'no', label: '外市迁入' }],
      default: 'yes',
    }],
    answers,
    materials: local ? [idCard, hukouBook, applicationForm] : [idCard, hukouBook, applicationForm, admissionProof, housing],
    time_limit: { promised_days: local ? 0 : 5, legal_days: 20 },
    fees: [{ item: '户口簿工本费', amount_fen: 850, basis: '省物价局〔2019〕12号' }],
    fees_total_fen: 850,
    visits: 0,
    citywide: true,
    appointment_required: false,
    face_required: true,
    faqs: [{ q: '集体户口可以迁入吗？', a: '可以，需提供单位集体户同意接收证明。' }],
    workflow: [],
  };
}

const birthBundleDetail = {
  ...birthBundle,
  materials: [idCard, hukouBook, { ...applicationForm, name: '出生登记申请表' }],
  workflow: [],
};

const citizen = { id: 7, role: 'citizen', verified: false, name: null, id_number: null, phone: null, department: null };
const verifiedCitizen = {
  ...citizen, verified: true, name: '张*三', id_number: '3304**********1234', phone: '138****5678',
};

module.exports = { home, hukou, socialCard, birthBundleDetail, hukouGuide, citizen, verifiedCitizen };
