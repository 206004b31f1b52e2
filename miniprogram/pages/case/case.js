// 办件详情 (?no=<acceptance_no>): status with its due flag, the approval steps (parallel ones side by side),
// the timeline newest first, the materials, the tracking QR code and, while the case waits for 补正,
// the requested materials with upload buttons and 提交补正. An approved case with a fee (办理费用, payable
// kind application_fee, ref = the acceptance number) shows it, linking to 缴费 while it is unpaid.
const applications = require('../../api/applications');
const payments = require('../../api/payments');
const uploads = require('../../api/uploads');
const { toastError } = require('../../api/client');
const { dueFlag, localTime, channelLabel, promisedDays, yuan, payableStatus } = require('../../utils/format');
const refresh = require('../../behaviors/refresh');

const MATERIAL_STATUS = { fetched: '已从共享库调取', received: '已提交', replaced: '已替换' };
// The fee of a case becomes payable when it is approved, and 出证 waits for it.
const FEE_STATUSES = ['approved'];

// Steps grouped by depth in the workflow DAG: a step sits one row below the deepest step it waits for,
// so steps that can run at the same time share a row.
function stepRows(steps) {
  const byKey = {};
  steps.forEach((s) => { byKey[s.key] = s; });
  const depth = {};
  const depthOf = (key, seen) => {
    if (depth[key] !== undefined) return depth[key];
    if (seen.has(key) || !byKey[key]) return 0;
    seen.add(key);
    const after = byKey[key].after || [];
    depth[key] = after.length ? 1 + Math.max(...after.map((k) => depthOf(k, seen))) : 0;
    return depth[key];
  };
  const rows = [];
  steps.forEach((s) => {
    const d = depthOf(s.key, new Set());
    rows[d] = rows[d] || { depth: d, steps: [] };
    rows[d].steps.push({
      id: s.id,
      name: s.name,
      department: s.department ? s.department.name : '',
      status: s.status,
      statusLabel: s.status_label,
      decided: localTime(s.decided_at),
      comment: s.comment || '',
    });
  });
  return rows.filter(Boolean).map((row) => ({ ...row, parallel: row.steps.length > 1 }));
}

function present(c) {
  return {
    no: c.acceptance_no,
    name: c.subject.name,
    status: c.status,
    statusLabel: c.status_label,
    flag: dueFlag(c.flag),
    department: c.lead_department.name,
    channel: channelLabel(c.channel),
    promised: promisedDays(c.promised_days),
    submitted: localTime(c.submitted_at),
    accepted: localTime(c.accepted_at),
    due: c.due_date || '',
    applicant: c.applicant || {},
    hasTrack: Boolean(c.track_token),
    supplementItems: c.status === 'supplement' ? (c.supplement_items || []) : [],
    stepRows: stepRows(c.steps || []),
    timeline: (c.timeline || []).slice().reverse().map((e, i) => ({
      id: `${e.at}-${i}`,
      at: e.at_local || localTime(e.at),
      title: e.status_label || e.note || '',
      note: e.status_label ? (e.note || '') : '',
      department: e.department || '',
    })),
    materials: (c.materials || []).map((m) => ({
      name: m.name,
      exempt: Boolean(m.exempt),
      detail: m.exempt
        ? `由${m.dataset_label || '共享库'}共享获取${m.summary ? `：${m.summary}` : ''}`
        : (MATERIAL_STATUS[m.status] || m.status || ''),
    })),
  };
}

Component({
  behaviors: [refresh],
  data: {
    c: null,
    qr: '', // temp file path of the tracking QR code
    files: {}, // supplement item → {id, name}
    uploading: '',
    note: '',
    supplementError: '',
    resubmitting: false,
    fee: null, // {payableId, amount, unpaid, statusLabel} of the case's application fee
  },
  methods: {
    onLoad(query) {
      try {
        this.no = decodeURIComponent(query.no || '');
      } catch (err) {
        this.no = query.no || '';
      }
      return this.load();
    },

    // Back from paying the fee: its status may have changed (the first show follows onLoad, nothing to do).
    onShow() {
      if (!this.shown) {
        this.shown = true;
        return Promise.resolve(false);
      }
      return this.data.c && FEE_STATUSES.includes(this.data.c.status) ? this.loadFee() : Promise.resolve(false);
    },

    async load() {
      try {
        this.show(await applications.detail(this.no));
        return true;
      } catch (err) {
        return false; // toasted by the client
      }
    },

    show(c) {
      const wasTracked = this.data.c && this.data.c.hasTrack;
      this.setData({ c: present(c) });
      if (c.track_token && !wasTracked) this.loadQr();
      if (FEE_STATUSES.includes(c.status)) this.loadFee();
      else if (this.data.fee) this.setData({ fee: null });
    },

    // The case's fee among my payables; none (free, or not visible to me) leaves the block out, silently.
    async loadFee() {
      try {
        const answer = await payments.payables({ silent: true });
        const p = (answer.items || []).find((item) => item.kind === 'application_fee' && item.ref === this.no);
        this.setData({
          fee: p ? { payableId: p.id, amount: yuan(p.amount_fen), unpaid: p.status === 'unpaid', statusLabel: payableStatus(p.status) } : null,
        });
        return Boolean(p);
      } catch (err) {
        this.setData({ fee: null });
        return false;
      }
    },

    openDelivery() {
      wx.navigateTo({ url: `/pages/delivery/delivery?no=${encodeURIComponent(this.data.c.no)}` });
    },

    openFee() {
      const { fee } = this.data;
      if (!fee) return;
      wx.navigateTo({ url: fee.unpaid ? `/pages/pay/pay?payable=${fee.payableId}` : '/pages/payables/payables' });
    },

    async loadQr() {
      try {
        this.setData({ qr: await applications.qrImage(this.no) });
      } catch (err) {
        this.setData({ qr: '' }); // the rest of the case is still useful
      }
    },

    previewQr() {
      if (this.data.qr) wx.previewImage({ urls: [this.data.qr], current: this.data.qr });
    },

    async onUpload(event) {
      const { name } = event.currentTarget.dataset;
      if (this.data.uploading) return;
      this.setData({ uploading: name });
      try {
        const file = await uploads.pickAndUpload();
        if (file) this.setData({ files: { ...this.data.files, [name]: { id: file.id, name: file.name } }, supplementError: '' });
      } catch (err) {
        // toasted by the client
      } finally {
        this.setData({ uploading: '' });
      }
    },

    onNote(event) {
      this.setData({ note: event.detail });
    },

    async onResubmit() {
      if (this.data.resubmitting) return;
      const { c, files, note } = this.data;
      const materials = c.supplementItems.filter((item) => files[item]).map((item) => ({ name: item, upload_id: files[item].id }));
      if (!materials.length) {
        this.setData({ supplementError: '请上传补正材料' });
        return;
      }
      this.setData({ resubmitting: true, supplementError: '' });
      try {
        const updated = await applications.resubmit(this.no, materials, String(note || '').trim(), { silent: true });
        this.setData({ files: {}, note: '' });
        this.show(updated);
        wx.showToast({ title: '补正材料已提交', icon: 'success' });
      } catch (err) {
        if (err.field === 'materials') this.setData({ supplementError: err.message });
        else toastError(err);
      } finally {
        this.setData({ resubmitting: false });
      }
    },
  },
});
