// 收货地址: my address book (phone and street shown masked, as the server sends them); add and delete.
// Opened as pages/addresses/addresses?choose=<acceptance_no> from a case, tapping an address makes it that
// case's 快递寄递 address (PUT /api/v1/applications/<no>/delivery) and goes back.
const delivery = require('../../api/delivery');
const auth = require('../../api/auth');

const EMPTY = { recipient: '', phone: '', province: '', city: '', district: '', detail: '' };
const LABELS = { recipient: '收件人', phone: '手机号码', province: '省', city: '市', district: '区/县', detail: '详细地址' };

function toRow(a) {
  return { ...a, text: `${a.province}${a.city}${a.district} ${a.detail}` };
}

// What is wrong with the form before sending it, or ''.
function problem(form) {
  const missing = Object.keys(LABELS).find((k) => !String(form[k] || '').trim());
  if (missing) return `请填写${LABELS[missing]}`;
  if (!/^1\d{10}$/.test(form.phone) && !/^0\d{2,3}-?\d{7,8}$/.test(form.phone)) return '手机号码格式不正确';
  return '';
}

Component({
  data: { state: 'loading', items: [], form: { ...EMPTY }, formError: '', saving: false, choosing: '' },
  methods: {
    onLoad(query) {
      this.setData({ choosing: (query && query.choose) || '' });
      return this.load();
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login', items: [] });
        return false;
      }
      try {
        const answer = await delivery.addresses({ silent: true });
        this.setData({ state: 'ready', items: (answer.items || []).map(toRow) });
        return true;
      } catch (err) {
        this.setData({ state: auth.isLoggedIn() ? 'ready' : 'login' });
        wx.showToast({ title: err.message, icon: 'none' });
        return false;
      }
    },

    onInput(event) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail, formError: '' });
    },

    async save() {
      const form = this.data.form;
      const wrong = problem(form);
      if (wrong) {
        this.setData({ formError: wrong });
        return false;
      }
      this.setData({ saving: true });
      try {
        await delivery.addAddress({ ...form, is_default: !this.data.items.length }, { silent: true });
        this.setData({ form: { ...EMPTY }, saving: false });
        wx.showToast({ title: '已保存', icon: 'success' });
        return this.load();
      } catch (err) {
        this.setData({ saving: false, formError: err.message });
        return false;
      }
    },

    async remove(event) {
      const { id } = event.currentTarget.dataset;
      try {
        await delivery.removeAddress(id, { silent: true });
      } catch (err) {
        wx.showToast({ title: err.message, icon: 'none' });
      }
      return this.load();
    },

    async pick(event) {
      const no = this.data.choosing;
      if (!no) return false;
      try {
        await delivery.choose(no, 'courier', event.currentTarget.dataset.id, { silent: true });
        wx.showToast({ title: '已选择快递寄递', icon: 'success' });
        wx.navigateBack();
        return true;
      } catch (err) {
        wx.showToast({ title: err.message, icon: 'none' });
        return false;
      }
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
