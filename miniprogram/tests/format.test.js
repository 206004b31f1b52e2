const format = require('../utils/format');

test('fen → yuan with two decimals, 0 total → 免费', () => {
  expect(format.yuan(2000)).toBe('¥20.00');
  expect(format.yuan(850)).toBe('¥8.50');
  expect(format.yuan(5)).toBe('¥0.05');
  expect(format.feeTotal(0)).toBe('免费');
  expect(format.feeTotal(12345)).toBe('¥123.45');
});

test('stars, channels, working days, material forms', () => {
  expect(format.stars(3)).toBe('★★★☆☆');
  expect(format.stars(5)).toBe('★★★★★');
  expect(format.channelLabels(['mobile', 'online', 'window', 'kiosk'])).toBe('掌上办 · 网上办 · 窗口办 · 自助机');
  expect(format.promisedDays(0)).toBe('即办');
  expect(format.promisedDays(5)).toBe('承诺 5 个工作日');
  expect(format.workingDays(20)).toBe('20 个工作日');
  expect(format.materialForm('copy', 2)).toBe('复印件 2 份');
  expect(format.materialForm('electronic', 1)).toBe('电子版');
});

test('Beijing local time whatever the phone zone, due flags', () => {
  expect(format.localTime('2026-11-25T06:03:00+00:00')).toBe('2026-11-25 14:03');
  expect(format.localTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  expect(format.localTime(null)).toBe('');
  expect(format.localTime('not a date')).toBe('');
  expect(format.dueFlag('yellow')).toEqual({ label: '即将到期', type: 'warning' });
  expect(format.dueFlag('red')).toEqual({ label: '已超期', type: 'danger' });
  expect(format.dueFlag(null)).toBeNull();
});

test('payable and order labels; masking as the server does, idempotent', () => {
  expect(format.payableKind('traffic_fine')).toBe('交通违法罚款');
  expect(format.payableKind('application_fee')).toBe('办事费用');
  expect(format.payableStatus('unpaid')).toBe('待缴纳');
  expect(format.payableStatus('refunded')).toBe('已退款');
  expect(format.orderStatus('pending')).toBe('待支付');
  expect(format.orderStatus('closed')).toBe('已关闭');
  expect(format.maskName('张三')).toBe('张*');
  expect(format.maskName('张小三')).toBe('张*三');
  expect(format.maskName('欧阳小明')).toBe('欧**明');
  expect(format.maskName('张*三')).toBe('张*三');
  expect(format.maskIdNumber('330400199001011234')).toBe('3304**********1234');
  expect(format.maskIdNumber('3304**********1234')).toBe('3304**********1234');
  expect(format.maskIdNumber('')).toBe('');
});
