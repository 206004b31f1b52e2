// 一件事 (?code=…): its services, lead department and the merged materials list.
const catalog = require('../../api/catalog');
const { promisedDays } = require('../../utils/format');

Component({
  data: {
    bundle: null,
  },
  methods: {
    async onLoad(query) {
      this.code = query.code;
      try {
        const bundle = await catalog.bundle(query.code);
        this.setData({ bundle: { ...bundle, promised: promisedDays(bundle.promised_days) } });
      } catch (err) {
        // Already shown as a toast by the client.
      }
    },

    apply() {
      wx.navigateTo({ url: `/pages/apply/apply?bundle=${encodeURIComponent(this.code)}` });
    },

    openService(event) {
      wx.navigateTo({ url: `/pages/service/service?code=${event.currentTarget.dataset.code}` });
    },
  },
});
