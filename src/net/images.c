/* net/images.c — OpenAI-compatible POST /v1/images/generations (LocalAI, sd-server
 * front-ends, hosted APIs): one prompt in, one PNG out (b64_json, or a URL fetched). */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

int images_api_generate(const struct ai_config *c, const char *prompt, uint64_t seed, const char *size, struct sbuf *png)
{
	memset(png, 0, sizeof *png);
	if (!ai_images_configured(c))
		return err_set(ERR_INPUT, "no images API configured; set DRAMA_IMAGES_URL or \"images\": {\"url\": ...} in drama.json");
	json_t *b = json_pack("{s:s, s:i, s:s, s:s}", "prompt", prompt, "n", 1, "size", size ? size : "1024x1536",
	                      "response_format", "b64_json");
	if (c->images.model) json_object_set_new(b, "model", json_string(c->images.model));
	json_object_set_new(b, "seed", json_integer((json_int_t)(seed & 0x7fffffff)));
	char *text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	char *url = ai_url(c->images.url, "/images/generations", 1);
	struct http_req r = { .url = url, .api_key = c->images.api_key, .body = text, .timeout = c->images.timeout,
	                      .retries = c->images.retries, .retry_base = c->retry_base, .what = "the images API" };
	struct http_resp resp;
	json_t *j = NULL;
	int rc = http_do(&r, &resp);
	ai_ledger_add("images", 1, 0, 0, resp.total_seconds);
	ai_ledger_add_more("images", resp.attempts, 0);
	if (rc < 0) goto end;
	if (resp.status < 200 || resp.status >= 300) { rc = ai_http_error("the images API", url, &resp, c->images.model); goto end; }
	j = json_loads(resp.body.s ? resp.body.s : "", 0, NULL);
	json_t *d = json_array_get(json_object_get(j, "data"), 0);
	const char *b64 = json_string_value(json_object_get(d, "b64_json"));
	const char *iu = json_string_value(json_object_get(d, "url"));
	if (b64) {
		size_t n = 0;
		unsigned char *bytes = ai_b64_decode(b64, &n);
		if (!bytes) { rc = err_set(ERR_INPUT, "the images API at %s sent b64_json that is not base64", url); goto end; }
		sb_addn(png, (const char *)bytes, n);
		free(bytes);
	} else if (iu) {
		struct http_req g = { .url = iu, .timeout = 120, .retries = c->images.retries, .retry_base = c->retry_base, .what = "the images API" };
		struct http_resp gr;
		rc = http_do(&g, &gr);
		if (rc == 0 && (gr.status < 200 || gr.status >= 300)) rc = ai_http_error("the images API", iu, &gr, NULL);
		if (rc == 0) { *png = gr.body; memset(&gr.body, 0, sizeof gr.body); }
		http_resp_free(&gr);
		if (rc < 0) goto end;
	} else {
		rc = err_set(ERR_INPUT, "the images API at %s answered without data[0].b64_json or data[0].url", url);
		goto end;
	}
	if (png->len < 8 || memcmp(png->s, "\x89PNG", 4)) {
		rc = err_set(ERR_INPUT, "the images API at %s did not return a PNG image; drama needs PNG", url);
		sb_free(png);
	}
end:
	json_decref(j);
	http_resp_free(&resp);
	free(text);
	free(url);
	return rc;
}
