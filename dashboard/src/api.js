// The dashboard's JSON API (/api/dashboard/...), called with the Teams SSO token. The browser's HTTP cache
// revalidates with If-None-Match, so an unchanged dashboard answers 304.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function createApi(getToken) {
  async function get(path, method = "GET") {
    const token = await getToken();
    const response = await fetch(path, { method, headers: { Authorization: `Bearer ${token}`, Accept: "application/json" }, cache: "no-cache" });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new ApiError(response.status, body.error ?? response.statusText);
    }
    return response.json();
  }
  return {
    me: () => get("/api/dashboard/me"),
    vpi: (id) => get(`/api/dashboard/vpis/${encodeURIComponent(id)}`),
    /** A signed link of a few minutes to the outcome report (facilitators only): { url, expiresAt }. */
    reportLink: (id, lang) => get(`/api/dashboard/vpis/${encodeURIComponent(id)}/report-link${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`, "POST"),
  };
}
