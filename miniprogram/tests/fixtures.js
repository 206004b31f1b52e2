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
  audience: 'citizen',
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
  audience: 'citizen',
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
  name: '居民身份证', form: 'original', form_label: '原件', copies: 1, required: true, source: 'shared', dataset: 'licence',
  dataset_label: '电子证照库', licence_type: '居民身份证', note: null, exempt: true,
};
const hukouBook = {
  name: '居民户口簿', form: 'original', form_label: '原件', copies: 1, required: true, source: 'shared', dataset: 'licence',
  dataset_label: '电子证照库', licence_type: '居民户口簿', note: null, exempt: true,
};
const applicationForm = {
  name: '户口迁移申请表', form: 'original', form_label: '原件', copies: 1, required: true, source: 'citizen', dataset: null,
  dataset_label: null, licence_type: null, note: '可现场填写', exempt: false,
};
const admissionProof = {
  name: '准予迁入证明', form: 'original', form_label: '原件', copies: 1, required: true, source: 'citizen', dataset: null,
  dataset_label: null, licence_type: null, note: null, exempt: false,
};
const housing = {
  name: '房屋产权证明', form: 'copy', form_label: '复印件', copies: 1, required: true, source: 'shared', dataset: 'real_estate',
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
    livelihood: true,
    keywords: ['落户', '迁户口'],
    contact: '0571-87280000',
    form: [{ key: 'contact_address', label: '联系地址', type: 'text', required: true, options: [], max_length: 200 }],
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
  version: 1,
  keywords: ['新生儿', '出生'],
  materials: [idCard, hukouBook, { ...applicationForm, name: '出生登记申请表' }],
  workflow: [],
};

const citizen = {
  id: 7, role: 'citizen', verified: false, name: null, id_number: null, phone: null, department: null,
  staff_roles: [], face_verified_at: null, identity: { level: 1, taken: false },
};
const verifiedCitizen = {
  ...citizen, verified: true, name: '张*三', id_number: '3304**********1234', phone: '138****5678',
  identity: { level: 2, taken: false },
};

// GET /api/v1/applications/preview?service=GA0101: two shared (免提交) materials, one to upload, one optional.
const preview = (view) => ({ ...view, form_label: { original: '原件', copy: '复印件' }[view.form] || view.form });
const hukouPreview = {
  subject: { code: 'GA0101', name: '户口迁入', kind: 'service' },
  lead_department: { code: 'gongan', name: '市公安局' },
  materials: [
    preview(idCard),
    preview(hukouBook),
    preview(applicationForm),
    preview({ ...admissionProof, name: '委托书', required: false, note: '代办时提供' }),
  ],
  consent: [{ dataset: 'licence', label: '电子证照库', materials: ['居民身份证', '居民户口簿'] }],
  form: [
    { key: 'contact_address', label: '联系地址', type: 'text', required: true, options: [], max_length: 200 },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, options: [], max_length: 11 },
    {
      key: 'relation', label: '与户主关系', type: 'select', required: true, max_length: 20,
      options: [{ value: 'child', label: '子女' }, { value: 'spouse', label: '配偶' }],
    },
    { key: 'move_date', label: '拟迁入日期', type: 'date', required: false, options: [], max_length: 10 },
    { key: 'remark', label: '补充说明', type: 'textarea', required: false, options: [], max_length: 500 },
  ],
  face_required: false,
  promised_days: 5,
};

const gonganDept = { code: 'gongan', name: '市公安局' };
const jiansheDept = { code: 'jianshe', name: '市住建局' };

function caseSummary(n, overrides = {}) {
  return {
    acceptance_no: `330100-20261125-${String(n).padStart(6, '0')}`,
    subject: { code: 'GA0101', name: '户口迁入', kind: 'service' },
    status: 'accepted',
    status_label: '已受理',
    lead_department: gonganDept,
    submitted_at: '2026-11-25T06:03:00+00:00',
    due_at: '2026-12-02T15:59:59+00:00',
    due_date: '2026-12-02',
    flag: null,
    ...overrides,
  };
}

// GET /api/v1/applications/<no>: waiting for 补正; intake, then two parallel reviews, then the decision.
const supplementCase = {
  ...caseSummary(123, { status: 'supplement', status_label: '待补正材料', flag: 'yellow' }),
  track_token: 'Tk_abcdefghijklmnopqrstuvwxyz012',
  channel: 'mobile',
  form: { contact_address: '西湖区文三路 1 号' },
  answers: { local_hukou: 'no' },
  consent: { datasets: [{ dataset: 'licence', label: '电子证照库', materials: ['居民身份证'] }], agreed_at: '2026-11-25T06:03:00+00:00' },
  supplement_items: ['户口迁移申请表', '准予迁入证明'],
  promised_days: 5,
  accepted_at: '2026-11-25T07:00:00+00:00',
  applicant: { name: '张*三', id_number: '3304**********1234' },
  materials: [
    {
      name: '居民身份证', source: 'shared', exempt: true, dataset: 'licence', dataset_label: '电子证照库',
      status: 'fetched', upload_id: null, summary: '有效期至 2036-01-01',
    },
    {
      name: '户口迁移申请表', source: 'citizen', exempt: false, dataset: null, dataset_label: null,
      status: 'received', upload_id: 'up-old', summary: null,
    },
  ],
  steps: [
    {
      id: 1, key: 'intake', name: '窗口受理', department: gonganDept, after: [], status: 'approved',
      status_label: '已通过', opened_at: '2026-11-25T06:03:00+00:00', decided_at: '2026-11-25T07:00:00+00:00', comment: null,
    },
    {
      id: 2, key: 'police_review', name: '户籍审核', department: gonganDept, after: ['intake'], status: 'supplement',
      status_label: '待补正', opened_at: '2026-11-25T07:00:00+00:00', decided_at: null, comment: '申请表签名缺失',
    },
    {
      id: 3, key: 'housing_review', name: '住房核验', department: jiansheDept, after: ['intake'], status: 'open',
      status_label: '办理中', opened_at: '2026-11-25T07:00:00+00:00', decided_at: null, comment: null,
    },
    {
      id: 4, key: 'decision', name: '审批决定', department: gonganDept, after: ['police_review', 'housing_review'],
      status: 'waiting', status_label: '未开始', opened_at: null, decided_at: null, comment: null,
    },
  ],
  timeline: [
    {
      at: '2026-11-25T06:03:00+00:00', at_local: '2026-11-25 14:03', kind: 'status', from_status: null,
      to_status: 'submitted', status_label: '已提交，待受理', step: null, department: null, actor_role: 'citizen', note: '通过掌上办提交申请',
    },
    {
      at: '2026-11-25T07:00:00+00:00', at_local: '2026-11-25 15:00', kind: 'status', from_status: 'submitted',
      to_status: 'accepted', status_label: '已受理', step: 'intake', department: '市公安局', actor_role: 'staff', note: null,
    },
    {
      at: '2026-11-26T02:30:00+00:00', at_local: '2026-11-26 10:30', kind: 'status', from_status: 'accepted',
      to_status: 'supplement', status_label: '待补正材料', step: 'police_review', department: '市公安局',
      actor_role: 'staff', note: '申请表签名缺失',
    },
  ],
};

// GET /api/v1/track/<token>
const trackView = {
  acceptance_no: '330100-20261125-000123',
  service_name: '户口迁入',
  applicant: '张*三',
  status: 'in_review',
  status_label: '审查中',
  lead_department: '市公安局',
  due_at: '2026-12-02T15:59:59+00:00',
  due_date: '2026-12-02',
  flag: 'red',
  steps: [
    { name: '窗口受理', department: '市公安局', status: 'approved', status_label: '已通过', decided_at: '2026-11-25T07:00:00+00:00' },
    { name: '户籍审核', department: '市公安局', status: 'open', status_label: '办理中', decided_at: null },
  ],
  timeline: [
    { at: '2026-11-25T06:03:00+00:00', at_local: '2026-11-25 14:03', status_label: '已提交，待受理', department: null, note: null },
    { at: '2026-11-25T07:00:00+00:00', at_local: '2026-11-25 15:00', status_label: '已受理', department: '市公安局', note: null },
    { at: '2026-11-26T02:30:00+00:00', at_local: '2026-11-26 10:30', status_label: null, department: '市公安局', note: '户籍审核 开始办理' },
  ],
};

// GET /api/v1/payables: a paid fine, an unpaid case fee and an unpaid fine (the server's order is not trusted).
const jiaojing = { code: 'jiaojing', name: '市公安局交通警察支队' };
const paidFine = {
  id: 3, kind: 'traffic_fine', ref: '3301001234567890', description: '交通违法罚款：违反禁令标志指示（2026-10-02）',
  items: [{ item: '交通违法罚款', code: '103050101', amount_fen: 10000 }], amount_fen: 10000, status: 'paid',
  department: jiaojing, fee_item_code: '103050101', paid_at: '2026-10-05T02:00:00+00:00',
};
const caseFee = {
  id: 7, kind: 'application_fee', ref: '330100-20261125-000123', description: '户口迁入（330100-20261125-000123）',
  items: [
    { item: '户口簿工本费', code: '103040101', amount_fen: 850 },
    { item: '身份证工本费', code: '103040101', amount_fen: 2000 },
  ],
  amount_fen: 2850, status: 'unpaid', department: gonganDept, fee_item_code: '103040101', paid_at: null,
};
const unpaidFine = {
  id: 9, kind: 'traffic_fine', ref: '3301009876543210', description: '交通违法罚款：机动车违反规定停放（2026-11-01）',
  items: [{ item: '交通违法罚款', code: '103050101', amount_fen: 20000 }], amount_fen: 20000, status: 'unpaid',
  department: jiaojing, fee_item_code: '103050101', paid_at: null,
};
const payables = { items: [paidFine, caseFee, unpaidFine] };

// POST /api/v1/payments for caseFee → 201
const order = (overrides = {}) => ({
  id: 41, out_trade_no: 'ZB20261127100000A1B2C3D4E5F6', amount_fen: 2850, status: 'pending', transaction_id: null,
  refunded_fen: 0, created_at: '2026-11-27T02:00:00+00:00', paid_at: null, expires_at: '2026-11-27T02:30:00+00:00',
  ...overrides,
});
const paidOrder = order({ status: 'paid', transaction_id: '4200002026112712345678901234', paid_at: '2026-11-27T02:00:30+00:00' });
const requestPayment = {
  appId: 'wx1234567890abcdef', timeStamp: '1795744800', nonceStr: 'n0nce5tr1ngABCDEFGHIJKLMNOPQRST',
  package: 'prepay_id=wx27100000abcdef', signType: 'RSA', paySign: 'c2lnbmF0dXJl+/sig==',
};
const created = { order: order(), request_payment: requestPayment };

// GET /api/v1/payments: newest first
const payableRef = (p) => ({ id: p.id, kind: p.kind, ref: p.ref, description: p.description, amount_fen: p.amount_fen });
const orders = {
  items: [
    { ...order({ id: 43, status: 'pending' }), payable: payableRef(unpaidFine), amount_fen: 20000 },
    { ...paidOrder, payable: payableRef(caseFee) },
    { ...order({ id: 40, status: 'closed' }), payable: payableRef(caseFee) },
  ],
};

// GET /api/v1/payments/41/receipt
const receipt = {
  number: '3301002026112700000012',
  check_code: 'K7Q2MZ4D',
  payload: {
    number: '3301002026112700000012',
    type: '非税收入统一票据（电子）',
    payer: { name: '张*三', id_number: '3304**********1234' },
    items: caseFee.items,
    amount_fen: 2850,
    amount_in_words: '贰拾捌元伍角整',
    collecting_department: gonganDept,
    out_trade_no: 'ZB20261127100000A1B2C3D4E5F6',
    transaction_id: '4200002026112712345678901234',
    paid_at: '2026-11-27T02:00:30+00:00',
    issued_at: '2026-11-27T02:00:31+00:00',
    issuer: '示例市财政局',
  },
  signature: 'c2lnbmF0dXJlLW9mLXRoZS1yZWNlaXB0',
  key_id: 'ereceipt-2026',
};

module.exports = {
  home, hukou, socialCard, birthBundleDetail, hukouGuide, citizen, verifiedCitizen,
  hukouPreview, caseSummary, supplementCase, trackView,
  payables, paidFine, caseFee, unpaidFine, order, paidOrder, requestPayment, created, orders, receipt,
};
