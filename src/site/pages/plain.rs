//! The files made without a template: `robots.txt`, `.nojekyll` and the
//! code-highlighting stylesheet. They read the links, and the stylesheet
//! the highlighting themes of site.yaml.

use crate::config::Options;
use crate::error::Result;
use crate::render::highlight;
use crate::url::Urls;

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        urls.to_absolute(&urls.sitemap())
    )
}

/// `.nojekyll`: empty. GitHub Pages would otherwise run Jekyll, which
/// drops files and directories starting with `_`.
pub fn nojekyll() -> String {
    String::new()
}

/// `static/highlight.css`, for the light and dark themes of `options`.
pub fn highlight_css(options: &Options) -> Result<String> {
    highlight::stylesheet(&options.highlight_light, &options.highlight_dark)
}
