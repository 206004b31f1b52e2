// One licence (?id=): its fields (personal values masked), validity, issuer and status; 下载/预览 the signed PDF
// (wx.openDocument); and 亮证 — a QR code that is a short-lived signed token for this licence alone, asked for
// again shortly before it expires while the page is shown, and dropped when the page hides.
const licences = require('../../api/licences');
const { localTime } = require('../../utils/format');
const refresh = require('../../behaviors/refresh');

const REFRESH_BEFORE_MS = 30 * 1000; // ask for a new code this long before the shown one expires

function present(l) {
  return {
    id: l.id,
    number: l.number,
    typeName: l.type.name,
    issuer: l.issuer,
    issuedAt: localTime(l.issued_at),
    validity: l.valid_until ? `${l.valid_from} 至 ${l.valid_until}` : `${l.valid_from} 起长期有效`,
    status: l.status,
    statusLabel: l.status_label,
    valid: l.status === 'valid',
    fields: (l.fields || []).map((f) => ({ key: f.key, label: f.label, value: f.value || '—' })),
    signatureAlg: (l.data_signature && l.data_signature.alg) || '',
  };
}

function openDocument(filePath) {
  return new Promise((resolve, reject) => {
    wx.openDocument({ filePath, fileType: 'pdf', showMenu: true, success: resolve, fail: reject });
  });
}

Component({
  behaviors: [refresh],
  data: { state: 'loading', l: null, showing: null, downloading: false },
  methods: {
    onLoad(query) {
      this.licenceId = Number((query && query.id) || 0);
      return this.load();
    },

    onHide() {
      this.stopShowing();
    },

    onUnload() {
      this.stopShowing();
    },

    async load() {
      try {
        this.setData({ state: 'ready', l: present(await licences.get(this.licenceId, { silent: true })) });
        return true;
      } catch (err) {
        this.setData({ state: 'error', l: null });
        wx.showToast({ title: err.message, icon: 'none' });
        return false;
      }
    },

    // 亮证: fetch a code now and keep it fresh until the page hides or the holder closes it.
    async onShowCode() {
      if (!this.data.l || !this.data.l.valid) return;
      await this.fetchCode();
    },

    async fetchCode() {
      clearTimeout(this.timer);
      try {
        const p = await licences.present(this.licenceId);
        const expires = new Date(p.expires_at).getTime();
        this.setData({ showing: { qr: p.qr, url: p.url, expiresAt: localTime(p.expires_at) } });
        const wait = Math.max(expires - Date.now() - REFRESH_BEFORE_MS, 5 * 1000);
        this.timer = setTimeout(() => this.fetchCode(), wait);
      } catch (err) {
        this.stopShowing(); // the client toasts an API error
      }
    },

    stopShowing() {
      clearTimeout(this.timer);
      this.timer = null;
      if (this.data.showing) this.setData({ showing: null });
    },

    async onDownload() {
      if (this.data.downloading || !this.data.l) return;
      this.setData({ downloading: true });
      try {
        await openDocument(await licences.pdf(this.licenceId));
      } catch (err) {
        if (!err || err.name !== 'ApiError') wx.showToast({ title: '无法打开证照文件', icon: 'none' });
      } finally {
        this.setData({ downloading: false });
      }
    },
  },
});
