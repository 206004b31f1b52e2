// Display formatting shared by pages and components. Pure functions, no wx calls.

const CHANNEL_LABELS = { mobile: '掌上办', online: '网上办', window: '窗口办', kiosk: '自助机' };
const FORM_LABELS = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子版' };
const ROLE_LABELS = { citizen: '群众', staff: '工作人员', admin: '管理员' };
const FLAGS = { yellow: { label: '即将到期', type: 'warning' }, red: { label: '已超期', type: 'danger' } };
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const PAYABLE_KINDS = { traffic_fine: '交通违法罚款', application_fee: '办事费用' };
const PAYABLE_STATUS = { unpaid: '待缴纳', paid: '已缴纳', refunded: '已退款', cancelled: '已撤销' };
const ORDER_STATUS = { pending: '待支付', paid: '已支付', closed: '已关闭', failed: '支付失败' };

// 2000 → "¥20.00" (integer arithmetic, no float rounding).
function yuan(fen) {
  const amount = Math.max(0, Math.round(Number(fen) || 0));
  return `¥${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

// A total in fen → "免费" or "¥20.00".
function feeTotal(fen) {
  return fen > 0 ? yuan(fen) : '免费';
}

// online_level 1–5 → "★★★☆☆".
function stars(level, max = 5) {
  const n = Math.min(max, Math.max(0, Number(level) || 0));
  return '★'.repeat(n) + '☆'.repeat(max - n);
}

function channelLabel(channel) {
  return CHANNEL_LABELS[channel] || channel;
}

function channelLabels(channels) {
  return (channels || []).map(channelLabel).join(' · ');
}

// Working days → "即办" or "N 个工作日".
function workingDays(days) {
  return days === 0 ? '即办' : `${days} 个工作日`;
}

// The promised limit → "即办" or "承诺 N 个工作日".
function promisedDays(days) {
  return days === 0 ? '即办' : `承诺 ${days} 个工作日`;
}

// Material form and copies → "原件 1 份" / "电子版".
function materialForm(form, copies) {
  const label = FORM_LABELS[form] || form;
  return form === 'electronic' || !copies ? label : `${label} ${copies} 份`;
}

function roleLabel(role) {
  return ROLE_LABELS[role] || role;
}

// An ISO instant → Beijing time "2026-11-25 14:03" (whatever the phone's time zone); '' for none.
function localTime(iso) {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const pad = (n) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

// A case's due flag → {label, type} for a van-tag ("yellow" 即将到期, "red" 已超期), or null.
function dueFlag(flag) {
  return FLAGS[flag] || null;
}

// Payables and payment orders: kind and status labels ("application_fee" → "办事费用", "paid" → "已缴纳").
function payableKind(kind) {
  return PAYABLE_KINDS[kind] || kind || '';
}

function payableStatus(status) {
  return PAYABLE_STATUS[status] || status || '';
}

function orderStatus(status) {
  return ORDER_STATUS[status] || status || '';
}

// Masks as the server does, and leaves already masked values as they are:
// 张三 → 张*, 张小三 → 张*三; 330400199001011234 → 3304**********1234.
function maskName(name) {
  const chars = Array.from(String(name || ''));
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

function maskIdNumber(idNumber) {
  const v = String(idNumber || '');
  return v.length > 8 ? v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4) : '*'.repeat(v.length);
}

module.exports = {
  yuan, feeTotal, stars, channelLabel, channelLabels, workingDays, promisedDays, materialForm, roleLabel, localTime, dueFlag,
  payableKind, payableStatus, orderStatus, maskName, maskIdNumber,
};
