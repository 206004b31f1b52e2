// 缴费记录: my payment orders, newest first, with their status. A paid one opens its e-receipt
// (pages/receipt/receipt?order=<id>); a pending one goes back to paying its payable.
const payments = require('../../api/payments');
const auth = require('../../api/auth');
const { yuan, localTime, orderStatus, payableKind } = require('../../utils/format');
const refresh = require('../../behaviors/refresh');

function toRow(o) {
  const payable = o.payable || {};
  return {
    id: o.id,
    payableId: payable.id || null,
    kind: payableKind(payable.kind),
    description: payable.description || '',
    amount: yuan(o.amount_fen),
    status: o.status,
    statusLabel: orderStatus(o.status),
    refunded: o.refunded_fen > 0 ? yuan(o.refunded_fen) : '',
    created: localTime(o.created_at),
    paidAt: localTime(o.paid_at),
    outTradeNo: o.out_trade_no,
    paid: o.status === 'paid',
    pending: o.status === 'pending' && Boolean(payable.id),
  };
}

Component({
  behaviors: [refresh],
  data: {
    state: 'loading', // loading | login | ready | error
    items: [],
  },
  methods: {
    onShow() {
      return this.load();
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login', items: [] });
        return false;
      }
      try {
        const answer = await payments.mine();
        this.setData({ state: 'ready', items: (answer.items || []).map(toRow) });
        return true;
      } catch (err) {
        this.setData({ state: auth.isLoggedIn() ? 'error' : 'login', items: [] }); // toasted by the client
        return false;
      }
    },

    openOrder(event) {
      const { id } = event.currentTarget.dataset;
      const row = this.data.items.find((item) => item.id === id);
      if (!row) return;
      if (row.paid) wx.navigateTo({ url: `/pages/receipt/receipt?order=${row.id}` });
      else if (row.pending) wx.navigateTo({ url: `/pages/pay/pay?payable=${row.payableId}` });
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
