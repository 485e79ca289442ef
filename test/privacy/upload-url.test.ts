import { allowedUploadTarget, allowedUploadUrl } from '../../src/privacy/upload-url';

const SESSION = '/personal/ada_contoso_com/_api/v2.0/drive/items/01ABC/uploadSession?guid=1&tempauth=x';

describe('where an export may be uploaded', () => {
  it('in production: only https OneDrive for Business hosts on the default port', () => {
    for (const url of [`https://contoso-my.sharepoint.com${SESSION}`, `https://CONTOSO.SharePoint.com${SESSION}`])
      expect(allowedUploadUrl(url, 'production')?.hostname).toMatch(/\.sharepoint\.com$/);
    for (const url of [
      `http://contoso-my.sharepoint.com${SESSION}`,
      `https://contoso-my.sharepoint.com:8443${SESSION}`,
      `https://sharepoint.com${SESSION}`,
      `https://evilsharepoint.com${SESSION}`,
      `https://contoso-my.sharepoint.com.evil.example${SESSION}`,
      `https://contoso-my.sharepoint.com.${SESSION}`,
      `https://user:pass@contoso-my.sharepoint.com${SESSION}`,
      `https://contoso.sharepoint.us${SESSION}`,
      `https://upload.example.com${SESSION}`,
      `http://127.0.0.1:8080${SESSION}`,
      `https://localhost${SESSION}`,
      'file:///etc/passwd',
      'not a url',
      '',
      `https://contoso-my.sharepoint.com/${'a'.repeat(9_000)}`,
    ])
      expect(allowedUploadUrl(url, 'production')).toBeUndefined();
    for (const value of [undefined, null, 42, { href: `https://contoso-my.sharepoint.com${SESSION}` }])
      expect(allowedUploadUrl(value, 'production')).toBeUndefined();
  });

  it('in local mode: also this machine by name or address (the fake OneDrive), nothing else on loopback', () => {
    for (const url of ['http://127.0.0.1:4321/up', 'http://localhost:4321/up', 'http://[::1]:4321/up'])
      expect(allowedUploadUrl(url, 'local')).toBeDefined();
    expect(allowedUploadUrl(`https://contoso-my.sharepoint.com${SESSION}`, 'local')).toBeDefined();
    for (const url of ['http://127.0.0.2:4321/up', 'http://10.0.0.5/up', 'ftp://127.0.0.1/up'])
      expect(allowedUploadUrl(url, 'local')).toBeUndefined();
  });

  it('takes the upload session and the file link only as a pair on one host and port', () => {
    const upload = `https://contoso-my.sharepoint.com${SESSION}`;
    const link = 'https://contoso-my.sharepoint.com/personal/ada_contoso_com/Documents/Applications/export.json';
    expect(allowedUploadTarget(upload, link, 'production')).toEqual({
      uploadUrl: new URL(upload),
      contentUrl: new URL(link),
    });
    expect(allowedUploadTarget(upload, link.replace('contoso-my', 'CONTOSO-MY'), 'production')).toBeDefined();
    for (const [uploadUrl, contentUrl] of [
      [upload, link.replace('contoso-my', 'fabrikam-my')],
      [upload.replace('contoso-my', 'fabrikam-my'), link],
      [upload, 'https://upload.example.com/export.json'],
      [upload, undefined],
    ])
      expect(allowedUploadTarget(uploadUrl, contentUrl, 'production')).toBeUndefined();
    expect(allowedUploadTarget('http://127.0.0.1:4321/up', 'http://127.0.0.1:4321/file', 'local')).toBeDefined();
    for (const contentUrl of ['http://localhost:4321/file', 'http://127.0.0.1:4322/file'])
      expect(allowedUploadTarget('http://127.0.0.1:4321/up', contentUrl, 'local')).toBeUndefined();
  });
});
