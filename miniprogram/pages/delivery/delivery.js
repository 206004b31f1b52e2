// 领取方式与寄递 (pages/delivery/delivery?no=<acceptance_no>): how the result of a case reaches me, chosen until
// 出证 (快递寄递 goes through the address book to pick the address), and its parcels with their route events
// (揽收 → 运输 → 派送 → 签收), newest parcel first.
const delivery = require('../../api/delivery');
const { localTime } = require('../../utils/format');

const METHODS = [
  { value: 'electronic', label: '电子证照', hint: '只领取电子证照，不寄送纸质结果' },
  { value: 'window', label: '窗口领取', hint: '凭取件码到政务服务中心窗口领取' },
  { value: 'courier', label: '快递寄递', hint: '顺丰寄送到家，选择收货地址' },
  { value: 'locker', label: '自助柜领取', hint: '到大厅自助柜扫码取件' },
];

function choiceRow(c) {
  const a = c.address;
  return {
    method: c.method,
    label: c.method_label,
    address: a ? `${a.recipient} ${a.phone} ${a.province}${a.city}${a.district} ${a.detail}` : '',
  };
}

function parcelRow(p) {
  return { ...p, routes: (p.routes || []).map((r) => ({ ...r, time: localTime(r.at) })).reverse() };
}

Component({
  data: { state: 'loading', no: '', methods: METHODS, choice: {}, parcels: [], error: '' },
  methods: {
    onLoad(query) {
      this.setData({ no: (query && query.no) || '' });
      return this.load();
    },

    onShow() {
      return this.data.state === 'ready' ? this.load() : false; // back from the address book
    },

    async load() {
      const no = this.data.no;
      try {
        const [choice, parcels] = await Promise.all([
          delivery.choice(no, { silent: true }), delivery.parcels(no, { silent: true }),
        ]);
        this.setData({
          state: 'ready', choice: choiceRow(choice), parcels: (parcels.items || []).map(parcelRow).reverse(),
        });
        return true;
      } catch (err) {
        this.setData({ state: 'error', error: err.message });
        return false;
      }
    },

    async pick(event) {
      const { method } = event.currentTarget.dataset;
      if (method === 'courier') {
        wx.navigateTo({ url: `/pages/addresses/addresses?choose=${encodeURIComponent(this.data.no)}` });
        return false;
      }
      try {
        const c = await delivery.choose(this.data.no, method, null, { silent: true });
        this.setData({ choice: choiceRow(c) });
        wx.showToast({ title: '已更改', icon: 'success' });
        return true;
      } catch (err) {
        wx.showToast({ title: err.message, icon: 'none' });
        return false;
      }
    },
  },
});
