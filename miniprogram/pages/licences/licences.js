// 卡包: my licences and 证明, grouped by type, newest first; a card opens its detail (pages/licence).
const licences = require('../../api/licences');
const refresh = require('../../behaviors/refresh');

function group(items) {
  const byType = new Map();
  items.forEach((l) => {
    const key = l.type.code;
    if (!byType.has(key)) byType.set(key, { code: key, name: l.type.name, cards: [] });
    byType.get(key).cards.push({
      id: l.id,
      number: l.number,
      issuer: l.issuer,
      validity: l.valid_until ? `有效期至 ${l.valid_until}` : '长期有效',
      status: l.status,
      statusLabel: l.status_label,
    });
  });
  return [...byType.values()];
}

Component({
  behaviors: [refresh],
  data: { state: 'loading', groups: [] }, // loading | ready | error
  methods: {
    onLoad() {
      return this.load();
    },

    async load() {
      try {
        const { items } = await licences.mine({ silent: true });
        this.setData({ state: 'ready', groups: group(items || []) });
        return true;
      } catch (err) {
        this.setData({ state: 'error', groups: [] });
        if (err && err.code !== 'identity_level_required') wx.showToast({ title: err.message, icon: 'none' });
        return false;
      }
    },

    openLicence(e) {
      wx.navigateTo({ url: `/pages/licence/licence?id=${e.currentTarget.dataset.id}` });
    },
  },
});
