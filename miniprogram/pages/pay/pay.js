// 缴费 (?payable=<id>): the payable's details (items, amount, 执收单位) and 立即支付: a WeChat Pay order from
// the server → wx.requestPayment with exactly its parameters (in the sandbox the backend's stand-in) → the
// order asked for until it is no longer pending. A cancelled cashier needs no asking. Paid: 查看电子票据.
const payments = require('../../api/payments');
const notifications = require('../../api/notifications');
const { toastError } = require('../../api/client');
const { yuan, localTime, payableKind, payableStatus } = require('../../utils/format');

const REF_LABELS = { traffic_fine: '决定书编号', application_fee: '受理编号' };

const RESULTS = {
  paid: { title: '支付成功' },
  pending: { title: '支付未完成', note: '暂未收到支付结果。如已付款，请稍后在缴费记录中查看，请勿重复支付' },
  cancelled: { title: '已取消支付', note: '款项尚未缴纳，可重新支付' },
  failed: { title: '支付失败', note: '款项尚未缴纳，请重新支付' },
};

function present(p) {
  return {
    id: p.id,
    kind: payableKind(p.kind),
    refLabel: REF_LABELS[p.kind] || '业务编号',
    ref: p.ref,
    description: p.description,
    amount: yuan(p.amount_fen),
    department: p.department ? p.department.name : '',
    status: p.status,
    statusLabel: payableStatus(p.status),
    unpaid: p.status === 'unpaid',
    paidAt: localTime(p.paid_at),
    items: (p.items || []).map((line, i) => ({
      key: `${i}-${line.code || ''}`,
      item: line.item,
      code: line.code || '',
      amount: yuan(line.amount_fen),
    })),
  };
}

Component({
  data: {
    state: 'loading', // loading | ready | missing | error
    payable: null,
    paying: false, // from 立即支付 until the result is known
    checking: false, // asking the server for the result
    result: null, // {kind, title, note}
    orderId: null, // the order paid here, or the paid order of an already paid payable
  },
  methods: {
    onLoad(query) {
      notifications.prepare(); // the consent dialog must open from the pay tap: have its templates ready
      this.payableId = Number((query && query.payable) || 0);
      return this.load();
    },

    async load() {
      try {
        const answer = await payments.payables();
        const found = (answer.items || []).find((p) => p.id === this.payableId);
        if (!found) {
          this.setData({ state: 'missing', payable: null });
          return false;
        }
        this.setData({ state: 'ready', payable: present(found) });
        if (found.status === 'paid' && !this.data.orderId) await this.findPaidOrder();
        return true;
      } catch (err) {
        this.setData({ state: 'error' }); // toasted by the client
        return false;
      }
    },

    // An already paid payable: its paid order, for the receipt.
    async findPaidOrder() {
      try {
        const answer = await payments.mine({ silent: true });
        const paid = (answer.items || []).find((o) => o.payable && o.payable.id === this.payableId && o.status === 'paid');
        if (paid) this.setData({ orderId: paid.id });
      } catch (err) {
        // the receipt stays reachable from 缴费记录
      }
    },

    showResult(kind, note) {
      const result = { kind, ...RESULTS[kind] };
      if (note) result.note = note;
      this.setData({ result });
    },

    async onPay() {
      const { payable } = this.data;
      if (this.busy || !payable || !payable.unpaid) return; // a second tap while paying is ignored
      this.busy = true;
      this.setData({ paying: true, result: null });
      notifications.ask('pay'); // 订阅缴费结果通知 (from the tap; never holds up paying)
      try {
        await this.pay(payable);
      } finally {
        this.busy = false;
        this.setData({ paying: false, checking: false });
      }
    },

    async pay(payable) {
      let created;
      try {
        created = await payments.create(payable.id, { silent: true });
      } catch (err) {
        if (err.code === 'already_paid') {
          wx.showToast({ title: '该款项已缴纳', icon: 'none' });
          await this.load();
        } else {
          toastError(err);
        }
        return;
      }
      const orderId = created.order.id;
      let phoneFailure = '';
      try {
        await payments.confirm(created);
      } catch (err) {
        if (err.code === 'pay_cancelled') {
          this.showResult('cancelled');
          return;
        }
        phoneFailure = err.message || '支付失败';
      }
      this.setData({ checking: true });
      const order = await payments.awaitResult(orderId);
      const status = order ? order.status : 'pending';
      if (status === 'paid') {
        this.setData({
          orderId,
          'payable.status': 'paid',
          'payable.statusLabel': payableStatus('paid'),
          'payable.unpaid': false,
          'payable.paidAt': localTime(order.paid_at),
        });
        this.showResult('paid', `${payable.amount} 已缴纳`);
      } else if (status === 'failed' || status === 'closed' || phoneFailure) {
        this.showResult('failed');
      } else {
        this.showResult('pending');
      }
    },

    openReceipt() {
      if (this.data.orderId) wx.navigateTo({ url: `/pages/receipt/receipt?order=${this.data.orderId}` });
    },

    openPayments() {
      wx.navigateTo({ url: '/pages/payments/payments' });
    },
  },
});
