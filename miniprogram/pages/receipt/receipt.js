// 电子票据 (?order=<payment order id>): the e-receipt of a paid order — number, type, payer (masked), items,
// the amount in figures and in words, 执收单位, times in Beijing time — with its public check (验真: the
// number, the check code 校验码 and `${apiBase}/verify/receipts/<number>?code=<check code>`) and 下载PDF (downloaded with the login token, opened
// with wx.openDocument).
const payments = require('../../api/payments');
const { yuan, localTime, maskName, maskIdNumber } = require('../../utils/format');
const refresh = require('../../behaviors/refresh');

function present(r) {
  const p = r.payload || {};
  const payer = p.payer || {};
  const department = p.collecting_department || {};
  return {
    number: r.number,
    checkCode: r.check_code || '',
    type: p.type || '',
    payerName: maskName(payer.name),
    payerIdNumber: maskIdNumber(payer.id_number),
    items: (p.items || []).map((line, i) => ({
      key: `${i}-${line.code || ''}`,
      item: line.item,
      code: line.code || '',
      amount: yuan(line.amount_fen),
    })),
    amount: yuan(p.amount_fen),
    amountInWords: p.amount_in_words || '',
    department: department.name || '',
    departmentCode: department.code || '',
    outTradeNo: p.out_trade_no || '',
    transactionId: p.transaction_id || '',
    paidAt: localTime(p.paid_at),
    issuedAt: localTime(p.issued_at),
    issuer: p.issuer || '',
    keyId: r.key_id || '',
    verifyUrl: payments.verifyUrl(r.number, r.check_code || ''),
  };
}

function openDocument(filePath) {
  return new Promise((resolve, reject) => {
    wx.openDocument({ filePath, fileType: 'pdf', showMenu: true, success: resolve, fail: reject });
  });
}

Component({
  behaviors: [refresh],
  data: {
    state: 'loading', // loading | ready | not_issued | error
    r: null,
    downloading: false,
  },
  methods: {
    onLoad(query) {
      this.orderId = Number((query && query.order) || 0);
      return this.load();
    },

    async load() {
      try {
        this.setData({ state: 'ready', r: present(await payments.receipt(this.orderId, { silent: true })) });
        return true;
      } catch (err) {
        if (err.code === 'receipt_not_found') {
          this.setData({ state: 'not_issued', r: null });
        } else {
          this.setData({ state: 'error', r: null });
          wx.showToast({ title: err.message, icon: 'none' });
        }
        return false;
      }
    },

    copyVerifyUrl() {
      if (this.data.r) wx.setClipboardData({ data: this.data.r.verifyUrl });
    },

    async onDownload() {
      if (this.data.downloading || !this.data.r) return;
      this.setData({ downloading: true });
      try {
        const filePath = await payments.receiptPdf(this.orderId);
        await openDocument(filePath);
      } catch (err) {
        if (!err || err.name !== 'ApiError') wx.showToast({ title: '无法打开票据文件', icon: 'none' }); // ApiErrors are toasted by the client
      } finally {
        this.setData({ downloading: false });
      }
    },
  },
});
