// 首页: search, 热门事项, 一件事 and the notice line.
// Pages are built with Component() (a standard page constructor) so page lifecycles live in methods.
const catalog = require('../../api/catalog');
const { channelLabels } = require('../../utils/format');
const { scanToTrack } = require('../../utils/scan');

function toServiceRow(service) {
  return {
    code: service.code,
    name: service.name,
    label: `${service.department.name} · ${channelLabels(service.channels)}`,
  };
}

Component({
  data: {
    notice: '',
    hot: [],
    bundles: [],
    keyword: '',
    results: null, // null = not searching; [] = searched, nothing found
  },
  methods: {
    // API failures are caught here and below because the client has already shown them as a toast.
    async onLoad() {
      try {
        const home = await catalog.home();
        this.setData({
          notice: home.notice || '',
          hot: home.hot.map(toServiceRow),
          bundles: home.bundles.map((b) => ({ code: b.code, name: b.name, summary: b.summary })),
        });
      } catch (err) {
        // toasted by the client
      }
    },

    onKeywordChange(event) {
      this.setData({ keyword: event.detail });
    },

    async onSearch(event) {
      const q = String(event.detail || '').trim();
      if (!q) {
        this.onClear();
        return;
      }
      this.setData({ keyword: q });
      try {
        const page = await catalog.searchServices({ q });
        this.setData({ results: page.items.map(toServiceRow) });
      } catch (err) {
        // toasted by the client
      }
    },

    onClear() {
      this.setData({ keyword: '', results: null });
    },

    openService(event) {
      wx.navigateTo({ url: `/pages/service/service?code=${event.currentTarget.dataset.code}` });
    },

    onScan() {
      return scanToTrack();
    },

    openBook() {
      wx.navigateTo({ url: '/pages/book/book' });
    },

    openAppointments() {
      wx.navigateTo({ url: '/pages/appointments/appointments' });
    },

    openBundle(event) {
      wx.navigateTo({ url: `/pages/bundle/bundle?code=${event.currentTarget.dataset.code}` });
    },
  },
});
