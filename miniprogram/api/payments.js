// 统一公共支付: my payables (办事费用, 交通违法罚款), paying one with WeChat Pay, my payment orders and their
// electronic receipts (电子票据). In the sandbox the phone's part of wx.requestPayment is played by the
// backend's stand-in: POST /sandbox/wechatpay/orders/<out_trade_no>/pay with the request_payment object.
const config = require('../config');
const { request, download, ApiError } = require('./client');

// After the phone's part, GET /api/v1/payments/<id> (the server checks a pending order with WeChat Pay)
// is asked this often until the order is no longer pending.
const poll = { attempts: 10, intervalMs: 1500 };

// What I owe, unpaid first: {items: [payable]}. 403 identity_required when no identity is bound.
function payables({ silent = false } = {}) {
  return request({ path: '/api/v1/payables', silent });
}

// A WeChat Pay order for a payable → {order, request_payment}. 409 already_paid when it is paid.
function create(payableId, { silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/payments', data: { payable: payableId }, silent });
}

// My payment orders, newest first: {items: [order with its payable]}.
function mine({ silent = false } = {}) {
  return request({ path: '/api/v1/payments', silent });
}

function order(orderId, { silent = false } = {}) {
  return request({ path: `/api/v1/payments/${encodeURIComponent(orderId)}`, silent });
}

// The e-receipt of a paid order: {number, check_code, payload, signature, key_id}; 404 receipt_not_found while
// unpaid.
function receipt(orderId, { silent = false } = {}) {
  return request({ path: `/api/v1/payments/${encodeURIComponent(orderId)}/receipt`, silent });
}

// The e-receipt as a PDF, downloaded with the login token → a temp file path.
function receiptPdf(orderId, { silent = false } = {}) {
  return download({ path: `/api/v1/payments/${encodeURIComponent(orderId)}/receipt.pdf`, silent });
}

// The public address where anyone holding the receipt checks it: its number and its check code (校验码).
function verifyUrl(number, checkCode) {
  return `${config.apiBase}/verify/receipts/${encodeURIComponent(number)}?code=${encodeURIComponent(checkCode)}`;
}

function sandboxPay(outTradeNo, requestPayment, { silent = false } = {}) {
  return request({
    method: 'POST', path: `/sandbox/wechatpay/orders/${encodeURIComponent(outTradeNo)}/pay`, data: requestPayment, silent,
  });
}

const payError = (code, message) => new ApiError({ status: 0, code, message });

// The payer's part: wx.requestPayment with exactly the server's parameters (or the sandbox stand-in).
// Resolves when the phone reports the payment made; rejects with code pay_cancelled when the payer closed
// the cashier, pay_failed for any other failure. Either way the server's order status is what counts.
function confirm(created) {
  const params = created.request_payment;
  if (config.sandbox) {
    // The stand-in answers {trade_state} (PAYERROR for its failing amounts) or a 4xx in its own format
    // ({code, message}, e.g. ORDERPAID): the order status polled afterwards tells the outcome either way.
    return sandboxPay(created.order.out_trade_no, params, { silent: true }).catch(() => {
      throw payError('pay_failed', '支付失败');
    });
  }
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      ...params,
      success: resolve,
      fail: (res) => {
        const errMsg = String((res && res.errMsg) || '');
        if (errMsg.indexOf('cancel') >= 0) reject(payError('pay_cancelled', '已取消支付'));
        else reject(payError('pay_failed', errMsg || '支付失败'));
      },
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Asks for the order until it is no longer pending (at most poll.attempts times, poll.intervalMs apart)
// → the last order seen, or null if none could be read. Errors while asking count as attempts.
async function awaitResult(orderId) {
  let last = null;
  for (let attempt = 1; attempt <= poll.attempts; attempt += 1) {
    try {
      last = await order(orderId, { silent: true });
      if (last.status !== 'pending') return last;
    } catch (err) {
      // a lost answer: ask again
    }
    if (attempt < poll.attempts) await sleep(poll.intervalMs);
  }
  return last;
}

module.exports = {
  poll, payables, create, mine, order, receipt, receiptPdf, verifyUrl, sandboxPay, confirm, awaitResult,
};
