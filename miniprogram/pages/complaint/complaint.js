// 咨询投诉: the complaint form (category, title, text, up to 6 photos or files, the case or service it is about)
// and my complaints with their status, due date, the department's reply and, once answered, a rating.
// Opened from the chat's complaint card (?service=), a case (?no=) or the 我的 page.
const complaints = require('../../api/complaints');
const uploads = require('../../api/uploads');
const auth = require('../../api/auth');

const MAX_FILES = 6;
const FLAG_LABELS = { yellow: '即将到期', red: '已超期' };

function toRow(c) {
  return {
    id: c.id,
    title: c.title,
    category: c.category_label,
    department: c.department.name,
    status: c.status,
    statusLabel: c.status_label,
    dueDate: c.due_date,
    flag: FLAG_LABELS[c.flag] || '',
    reply: c.reply || '',
    canRate: Boolean(c.can_rate),
    score: c.rating ? c.rating.score : 0,
  };
}

Component({
  data: {
    state: 'loading', // loading | login | ready
    categories: complaints.CATEGORIES,
    category: '',
    title: '',
    text: '',
    files: [],
    acceptanceNo: '',
    service: '',
    errors: {},
    submitting: false,
    items: [],
  },
  methods: {
    onLoad(query) {
      const q = query || {};
      this.setData({ acceptanceNo: q.no ? decodeURIComponent(q.no) : '', service: q.service || '' });
      return this.load();
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login' });
        return false;
      }
      try {
        const answer = await complaints.mine({ silent: true });
        this.setData({ state: 'ready', items: (answer.items || []).map(toRow) });
        return true;
      } catch (err) {
        this.setData({ state: auth.isLoggedIn() ? 'ready' : 'login' });
        return false;
      }
    },

    pickCategory(event) {
      this.setData({ category: event.currentTarget.dataset.value, errors: { ...this.data.errors, category: '' } });
    },

    onTitle(event) {
      this.setData({ title: String(event.detail.value || '') });
    },

    onText(event) {
      this.setData({ text: String(event.detail.value || '') });
    },

    async addFile() {
      if (this.data.files.length >= MAX_FILES) {
        wx.showToast({ title: `最多上传${MAX_FILES}个附件`, icon: 'none' });
        return;
      }
      try {
        const file = await uploads.pickAndUpload();
        if (file) this.setData({ files: this.data.files.concat([{ id: file.id, name: file.name }]) });
      } catch (err) {
        // toasted already
      }
    },

    removeFile(event) {
      const { id } = event.currentTarget.dataset;
      this.setData({ files: this.data.files.filter((f) => f.id !== id) });
    },

    validate() {
      const errors = {};
      if (!this.data.category) errors.category = '请选择投诉类别';
      if (this.data.title.trim().length < 2) errors.title = '请填写标题（至少2个字）';
      if (this.data.text.trim().length < 5) errors.text = '请描述具体情况（至少5个字）';
      this.setData({ errors });
      return Object.keys(errors).length === 0;
    },

    async submit() {
      if (this.data.submitting || !this.validate()) return null;
      this.setData({ submitting: true });
      try {
        const created = await complaints.submit({
          category: this.data.category,
          title: this.data.title.trim(),
          text: this.data.text.trim(),
          attachments: this.data.files.map((f) => f.id),
          acceptance_no: this.data.acceptanceNo || null,
          service: this.data.service || null,
        });
        wx.showToast({ title: `已提交，${created.department.name}将于${created.due_date}前答复`, icon: 'none' });
        this.setData({ category: '', title: '', text: '', files: [], items: [toRow(created)].concat(this.data.items) });
        return created;
      } catch (err) {
        if (err.field) this.setData({ errors: { ...this.data.errors, [err.field]: err.message } });
        return null;
      } finally {
        this.setData({ submitting: false });
      }
    },

    onRated() {
      return this.load();
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
