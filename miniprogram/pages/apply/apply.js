// 在线申请 (?service=CODE or ?bundle=CODE, optional &answers=<URL-encoded JSON> from the guide's 情形选择).
// Shows what applying takes (GET /api/v1/applications/preview): the form, the materials (免提交 ones come
// from the shared libraries, the rest are uploaded here), the consent to read those libraries and, when
// needed, the 刷脸核身 step; then submits once per page load (one Idempotency-Key per load).
const applications = require('../../api/applications');
const notifications = require('../../api/notifications');
const auth = require('../../api/auth');
const uploads = require('../../api/uploads');
const { toastError } = require('../../api/client');
const { promisedDays } = require('../../utils/format');

const INPUT_TYPES = { text: 'text', textarea: 'textarea', number: 'digit', phone: 'number' };

function parseAnswers(raw) {
  if (!raw) return {};
  const tries = [raw];
  try {
    tries.unshift(decodeURIComponent(raw));
  } catch (err) {
    // not URL-encoded
  }
  for (let i = 0; i < tries.length; i += 1) {
    try {
      const value = JSON.parse(tries[i]);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch (err) {
      // try the next reading
    }
  }
  return {};
}

function toField(field) {
  const options = field.options || [];
  return {
    key: field.key,
    label: field.label,
    type: field.type || 'text',
    inputType: INPUT_TYPES[field.type] || 'text',
    required: Boolean(field.required),
    maxLength: field.type === 'phone' ? 11 : (field.max_length || 200),
    options,
    optionLabels: options.map((o) => o.label),
    placeholder: field.type === 'select' || field.type === 'date' ? `请选择${field.label}` : `请输入${field.label}`,
  };
}

function present(preview) {
  return {
    subject: preview.subject,
    leadDepartment: preview.lead_department,
    promised: promisedDays(preview.promised_days),
    fields: (preview.form || []).map(toField),
    materials: preview.materials || [],
    consent: (preview.consent || []).map((c) => ({
      dataset: c.dataset, label: c.label, materials: (c.materials || []).join('、'),
    })),
    faceRequired: Boolean(preview.face_required),
  };
}

Component({
  data: {
    needLogin: false,
    preview: null,
    form: {}, // key → value as entered
    display: {}, // key → text shown for select fields
    files: {}, // material name → {id, name}
    uploading: '',
    consented: false,
    facePassed: false,
    errors: {}, // form field key → message
    materialsError: '',
    consentError: '',
    faceError: '',
    submitting: false,
  },
  methods: {
    onLoad(query) {
      notifications.prepare(); // the consent dialog must open from the submit tap: have its templates ready
      this.subject = query.bundle ? { bundle: query.bundle } : { service: query.service };
      this.answers = parseAnswers(query.answers);
      // One key per page load: tapping 提交 again (a double tap, a retry) cannot make a second case.
      this.idempotencyKey = applications.newIdempotencyKey();
      return this.load();
    },

    onShow() {
      // Back from 我的 after logging in.
      if (this.data.needLogin && auth.isLoggedIn()) this.load();
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ needLogin: true });
        return false;
      }
      try {
        const preview = await applications.preview(this.subject, this.answers);
        const form = {};
        (preview.form || []).forEach((f) => { form[f.key] = ''; });
        this.setData({ needLogin: false, preview: present(preview), form, display: {} });
        wx.setNavigationBarTitle({ title: preview.subject.name });
        return true;
      } catch (err) {
        if (!auth.isLoggedIn()) this.setData({ needLogin: true }); // a 401 cleared the token
        return false;
      }
    },

    goLogin() {
      wx.switchTab({ url: '/pages/me/me' });
    },

    setField(key, value, shown) {
      const data = { form: { ...this.data.form, [key]: value }, errors: { ...this.data.errors, [key]: '' } };
      if (shown !== undefined) data.display = { ...this.data.display, [key]: shown };
      this.setData(data);
    },

    onInput(event) {
      this.setField(event.currentTarget.dataset.key, event.detail);
    },

    onDate(event) {
      const { value } = event.detail;
      this.setField(event.currentTarget.dataset.key, value, value);
    },

    onSelect(event) {
      const { key } = event.currentTarget.dataset;
      const field = this.data.preview.fields.find((f) => f.key === key);
      const option = field && field.options[Number(event.detail.value)];
      if (option) this.setField(key, option.value, option.label);
    },

    async onUpload(event) {
      const { name } = event.detail;
      if (this.data.uploading) return;
      this.setData({ uploading: name });
      try {
        const file = await uploads.pickAndUpload();
        if (file) this.setData({ files: { ...this.data.files, [name]: { id: file.id, name: file.name } }, materialsError: '' });
      } catch (err) {
        // toasted by the client
      } finally {
        this.setData({ uploading: '' });
      }
    },

    onConsent(event) {
      this.setData({ consented: Boolean(event.detail), consentError: '' });
    },

    onFace(event) {
      this.setData({ facePassed: Boolean(event.detail.passed), faceError: '' });
    },

    // What the form still lacks, checked here so the person sees it at once; the server checks again.
    check() {
      const { preview, form, files, consented, facePassed } = this.data;
      const errors = {};
      preview.fields.forEach((f) => {
        if (f.required && String(form[f.key] || '').trim() === '') errors[f.key] = `请填写${f.label}`;
      });
      const missing = preview.materials.find((m) => !m.exempt && m.required !== false && !files[m.name]);
      const problems = {
        errors,
        materialsError: missing ? `请上传${missing.name}` : '',
        consentError: preview.consent.length && !consented ? '请先阅读并勾选同意调取共享数据' : '',
        faceError: preview.faceRequired && !facePassed ? '请先完成刷脸核身' : '',
      };
      const ok = !Object.keys(errors).length && !problems.materialsError && !problems.consentError && !problems.faceError;
      return { ok, problems };
    },

    body() {
      const { preview, form, files, consented } = this.data;
      const filled = {};
      Object.keys(form).forEach((key) => {
        const value = typeof form[key] === 'string' ? form[key].trim() : form[key];
        if (value !== '' && value !== undefined && value !== null) filled[key] = value;
      });
      return {
        ...this.subject,
        form: filled,
        answers: this.answers,
        materials: preview.materials
          .filter((m) => !m.exempt && files[m.name])
          .map((m) => ({ name: m.name, upload_id: files[m.name].id })),
        consent: preview.consent.length ? consented : false,
      };
    },

    async onSubmit() {
      if (this.data.submitting || !this.data.preview) return;
      const { ok, problems } = this.check();
      this.setData(problems);
      if (!ok) {
        wx.showToast({ title: '请完善申请信息', icon: 'none' });
        return;
      }
      this.setData({ submitting: true });
      notifications.ask('submit'); // 订阅办件进度、补正通知 (from the tap; never holds up submitting)
      try {
        const created = await applications.submit(this.body(), this.idempotencyKey, { silent: true });
        wx.showToast({ title: '申请已提交', icon: 'success' });
        wx.redirectTo({ url: `/pages/case/case?no=${encodeURIComponent(created.acceptance_no)}` });
      } catch (err) {
        this.showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },

    // A server error goes where it belongs: form.<key> under its field, materials and consent by their
    // blocks, face_required at the face step; anything else as a toast.
    showError(err) {
      const field = err.field || '';
      if (field.startsWith('form.') && this.data.preview.fields.some((f) => f.key === field.slice(5))) {
        this.setData({ errors: { ...this.data.errors, [field.slice(5)]: err.message } });
      } else if (field === 'materials') {
        this.setData({ materialsError: err.message });
      } else if (field === 'consent') {
        this.setData({ consentError: err.message });
      } else if (err.code === 'face_required') {
        this.setData({ facePassed: false, faceError: err.message });
      } else {
        toastError(err);
      }
    },
  },
});
