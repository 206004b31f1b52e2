// 我的待缴: what I owe (办事费用 of my cases, 交通违法罚款 found for my bound identity), unpaid first.
// Tapping an unpaid one opens pages/pay/pay?payable=<id>; 缴费记录 lists my payment orders.
const payments = require('../../api/payments');
const auth = require('../../api/auth');
const { yuan, localTime, payableKind, payableStatus } = require('../../utils/format');
const refresh = require('../../behaviors/refresh');
const level = require('../../utils/level');

function toRow(p) {
  return {
    id: p.id,
    kind: payableKind(p.kind),
    description: p.description,
    amount: yuan(p.amount_fen),
    amountFen: p.amount_fen,
    department: p.department ? p.department.name : '',
    status: p.status,
    statusLabel: payableStatus(p.status),
    paidAt: localTime(p.paid_at),
    unpaid: p.status === 'unpaid',
  };
}

// Unpaid first; otherwise the server's order (a stable sort).
function unpaidFirst(rows) {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (Number(b.row.unpaid) - Number(a.row.unpaid)) || (a.index - b.index))
    .map(({ row }) => row);
}

Component({
  behaviors: [refresh],
  data: {
    state: 'loading', // loading | login | identity | ready | error
    levelError: null, // {requiredLevel, currentLevel, taken} of a level error, for the 去认证 button
    items: [],
    unpaidCount: 0,
    unpaidTotal: '',
  },
  methods: {
    // Shown again after paying: the list is reloaded every time.
    onShow() {
      return this.load();
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login', items: [] });
        return false;
      }
      const seq = (this.seq || 0) + 1;
      this.seq = seq;
      try {
        const answer = await payments.payables({ silent: true });
        if (seq !== this.seq) return false;
        const items = unpaidFirst((answer.items || []).map(toRow));
        const unpaid = items.filter((row) => row.unpaid);
        this.setData({
          state: 'ready',
          items,
          unpaidCount: unpaid.length,
          unpaidTotal: yuan(unpaid.reduce((sum, row) => sum + row.amountFen, 0)),
        });
        return true;
      } catch (err) {
        if (seq !== this.seq) return false;
        // Below level 3 (payables read the person's records): the client already started the walk up
        // (utils/level.js); the page says why and offers it again.
        if (level.isLevelError(err)) {
          this.setData({
            state: 'identity',
            items: [],
            levelError: { requiredLevel: err.requiredLevel, currentLevel: err.currentLevel, taken: err.code === 'identity_taken' },
          });
        } else if (err.code === 'identity_required') this.setData({ state: 'identity', items: [], levelError: null });
        else if (!auth.isLoggedIn()) this.setData({ state: 'login', items: [] }); // a 401 cleared the token
        else {
          this.setData({ state: 'error', items: [] });
          wx.showToast({ title: err.message, icon: 'none' });
        }
        return false;
      }
    },

    openPayable(event) {
      const { id, unpaid } = event.currentTarget.dataset;
      if (!unpaid) return;
      wx.navigateTo({ url: `/pages/pay/pay?payable=${id}` });
    },

    openPayments() {
      wx.navigateTo({ url: '/pages/payments/payments' });
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },

    goIdentity() {
      const e = this.data.levelError;
      if (!e) {
        this.goMe();
        return;
      }
      wx.navigateTo({ url: level.stepUrl(e.taken ? 3 : e.requiredLevel, e.taken ? 2 : e.currentLevel, e.taken) });
    },
  },
});
