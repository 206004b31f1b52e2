// 咨询投诉: file a complaint, follow my complaints and their replies.
const { request } = require('./client');

const CATEGORIES = [
  { value: 'attitude', label: '服务态度' },
  { value: 'efficiency', label: '办事效率' },
  { value: 'policy', label: '政策咨询' },
  { value: 'system', label: '系统问题' },
  { value: 'other', label: '其他' },
];

// {category, title, text, attachments: [upload id], acceptance_no?, service?} → the complaint (201).
function submit(body, { silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/complaints', data: body, silent });
}

function mine({ silent = false } = {}) {
  return request({ path: '/api/v1/complaints', silent });
}

module.exports = { CATEGORIES, submit, mine };
