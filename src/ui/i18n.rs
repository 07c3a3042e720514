//! Every label of the window in Chinese and English.
//!
//! Labels are looked up by key rather than written inline so that a panel cannot
//! forget one language, and the switch changes the whole window at once. The data
//! (titles, quotes, outlets) is never translated: it stays as the source wrote it.

use crate::extract::{Kind, Theme};
use crate::time::Precision;

pub use crate::lang::Lang;

/// A label of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    File,
    OpenFiles,
    OpenFolder,
    OpenSeeds,
    Quit,
    View,
    FitAll,
    Filters,
    Themes,
    All,
    None,
    NoTheme,
    Kinds,
    Years,
    From,
    To,
    Reset,
    Documents,
    Search,
    SearchHint,
    Timeline,
    Detail,
    NothingSelected,
    NothingSelectedHint,
    Kind,
    Date,
    Title,
    Quantity,
    Subject,
    Deadline,
    PolicyTitle,
    Period,
    Issuers,
    Source,
    Outlet,
    Published,
    FilePath,
    Encoding,
    Warnings,
    Quote,
    Related,
    SameSubject,
    SameDocument,
    SameTheme,
    Previous,
    Next,
    ItemsShown,
    DocumentsCount,
    Errors,
    NoErrors,
    ErrorsTitle,
    Loading,
    Ordering,
    Close,
    Language,
    ClickToZoom,
    Goal,
    Keys,
    KeysHelp,
    DropHint,
    Unknown,
    ThemesByYear,
    TargetsVsActuals,
    Export,
    Exporting,
    Exported,
    ExportFailed,
    NoItemsLoaded,
    NoItemsMatch,
    ItemTable,
    Cancel,
    Save,
    OpenButton,
    SaveAs,
    OpenPath,
    PathLabel,
    NoSystemDialog,
    OpenPathHint,
    ExportCancelled,
    OpenCancelled,
    NoSuchPath,
    NoFolder,
    Opening,
    CopyTsv,
    CopiedRows,
    Value,
    Region,
    Sources,
    Document,
    LatestActual,
    Progress,
    Status,
    Baseline,
    StatusMet,
    StatusOnTrack,
    StatusBehind,
    StatusNoData,
    Subjects,
    SubjectSearch,
    ShowAll,
    SubjectsShown,
    ZoomToSelection,
    Eras,
    SaveView,
    ViewName,
    SavedViews,
    Delete,
    Period2,
    PerKind,
    PerTheme,
}

impl T {
    /// The label in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            T::File => ("文件", "File"),
            T::OpenFiles => ("打开文件…", "Open files…"),
            T::OpenFolder => ("打开文件夹…", "Open folder…"),
            T::OpenSeeds => ("打开示例文章", "Open the sample articles"),
            T::Quit => ("退出", "Quit"),
            T::View => ("视图", "View"),
            T::FitAll => ("显示全部", "Fit everything"),
            T::Filters => ("筛选", "Filters"),
            T::Themes => ("主题", "Themes"),
            T::All => ("全选", "All"),
            T::None => ("全不选", "None"),
            T::NoTheme => ("（无主题）", "(no theme)"),
            T::Kinds => ("类型", "Kinds"),
            T::Years => ("年份", "Years"),
            T::From => ("从", "from"),
            T::To => ("到", "to"),
            T::Reset => ("重置", "Reset"),
            T::Documents => ("文档", "Documents"),
            T::Search => ("搜索", "Search"),
            T::SearchHint => (
                "标题、原文、指标、政策（简繁皆可）",
                "title, quote, subject, policy (either script)",
            ),
            T::Timeline => ("时间轴", "Timeline"),
            T::Detail => ("详情", "Detail"),
            T::NothingSelected => ("未选择条目", "Nothing selected"),
            T::NothingSelectedHint => (
                "在时间轴上点击一个条目，或按 ← / → 浏览。",
                "Click an item on the timeline, or press ← / → to step through.",
            ),
            T::Kind => ("类型", "Kind"),
            T::Date => ("日期", "Date"),
            T::Title => ("标题", "Title"),
            T::Quantity => ("数值", "Quantity"),
            T::Subject => ("指标", "Subject"),
            T::Deadline => ("目标年份", "Deadline"),
            T::PolicyTitle => ("政策名称", "Policy"),
            T::Period => ("实施期", "Period"),
            T::Issuers => ("发布机构", "Issued by"),
            T::Source => ("来源文档", "Source document"),
            T::Outlet => ("媒体", "Outlet"),
            T::Published => ("发布日期", "Published"),
            T::FilePath => ("文件", "File"),
            T::Encoding => ("编码", "Encoding"),
            T::Warnings => ("注意", "Warnings"),
            T::Quote => ("原文", "Quote in context"),
            T::Related => ("相关条目", "Related items"),
            T::SameSubject => ("同一指标", "Same subject"),
            T::SameDocument => ("同一文档", "Same document"),
            T::SameTheme => ("同一主题", "Same theme"),
            T::Previous => ("← 上一条", "← Previous"),
            T::Next => ("下一条 →", "Next →"),
            T::ItemsShown => ("条目", "items"),
            T::DocumentsCount => ("篇文档", "documents"),
            T::Errors => ("个错误", "errors"),
            T::NoErrors => ("无错误", "no errors"),
            T::ErrorsTitle => ("无法读取的文件", "Files that could not be read"),
            T::Loading => ("正在读取", "Reading"),
            T::Ordering => ("正在生成时间线", "Building the timeline"),
            T::Close => ("关闭", "Close"),
            T::Language => ("语言", "Language"),
            T::ClickToZoom => ("点击放大到该年", "click to zoom to this year"),
            T::Goal => ("目标", "goal"),
            T::Keys => ("快捷键", "Keys"),
            T::KeysHelp => (
                "← / → 上一条/下一条 · Home / End 第一条/最后一条 · Esc 取消选择 · Del 驳回 · Ctrl+Z 撤销 · Ctrl+F 搜索 · Ctrl+O 打开 · Ctrl+E 导出 · Ctrl+Q 退出 · 拖动平移 · Ctrl+滚轮缩放 · 双击显示全部",
                "← / → previous/next · Home / End first/last · Esc clear selection · Del reject · Ctrl+Z undo · Ctrl+F search · Ctrl+O open · Ctrl+E export · Ctrl+Q quit · drag to pan · Ctrl+wheel to zoom · double-click to fit",
            ),
            T::DropHint => ("松开以打开这些文件", "Drop to open these files"),
            T::Unknown => ("未知", "unknown"),
            T::ThemesByYear => ("主题年度分布", "Themes by year"),
            T::TargetsVsActuals => ("目标与实际", "Targets vs actuals"),
            T::Export => ("导出", "Export"),
            T::Exporting => ("正在导出…", "Exporting…"),
            T::Exported => ("已导出", "Exported"),
            T::ExportFailed => ("导出失败", "Export failed"),
            T::NoItemsLoaded => (
                "没有条目：请用 Ctrl+O 打开文章或文件夹",
                "No items: open articles or a folder with Ctrl+O",
            ),
            T::NoItemsMatch => ("没有符合筛选条件的条目", "No items match the filters"),
            T::ItemTable => ("条目表", "Item table"),
            T::Cancel => ("取消", "Cancel"),
            T::Save => ("保存", "Save"),
            T::OpenButton => ("打开", "Open"),
            T::SaveAs => ("导出到", "Export to"),
            T::OpenPath => ("打开路径", "Open a path"),
            T::PathLabel => ("路径", "Path"),
            T::NoSystemDialog => (
                "没有可用的系统文件对话框，请输入路径。",
                "No system file dialog is available here; type a path.",
            ),
            T::OpenPathHint => (
                "文件或文件夹，多个用 ; 分隔",
                "a file or folder; several separated by ;",
            ),
            T::ExportCancelled => ("导出已取消", "Export cancelled"),
            T::OpenCancelled => ("打开已取消", "Open cancelled"),
            T::NoSuchPath => ("路径不存在", "No such file or folder"),
            T::NoFolder => ("文件夹不存在", "The folder does not exist"),
            T::Opening => ("正在打开", "Opening"),
            T::CopyTsv => ("复制为 TSV", "Copy as TSV"),
            T::CopiedRows => ("行已复制", "rows copied"),
            T::Value => ("数值", "Value"),
            T::Region => ("地区", "Region"),
            T::Sources => ("来源数", "Sources"),
            T::Document => ("文档", "Document"),
            T::LatestActual => ("最新实际值", "Latest actual"),
            T::Progress => ("进度", "Progress"),
            T::Status => ("状态", "Status"),
            T::Baseline => ("基线", "Baseline"),
            T::StatusMet => ("已达成", "met"),
            T::StatusOnTrack => ("按计划", "on track"),
            T::StatusBehind => ("落后", "behind"),
            T::StatusNoData => ("无数据", "no data"),
            T::Subjects => ("指标", "Subjects"),
            T::SubjectSearch => ("搜索指标", "search subjects"),
            T::ShowAll => ("全部", "All"),
            T::SubjectsShown => ("个指标已显示", "subjects shown"),
            T::ZoomToSelection => ("缩放到所选条目 (F)", "Zoom to the selection (F)"),
            T::Eras => ("规划期背景", "Plan periods"),
            T::SaveView => ("保存视图", "Save view"),
            T::ViewName => ("视图名称", "View name"),
            T::SavedViews => ("已保存的视图", "Saved views"),
            T::Delete => ("删除", "Delete"),
            T::Period2 => ("时期", "Period"),
            T::PerKind => ("按类型", "by kind"),
            T::PerTheme => ("按主题", "by theme"),
        };
        tr(lang, zh, en)
    }
}

/// A label in the language shown, from its two forms written side by side where it
/// is used (the curation's labels), as [`T`] does for the labels of the menus.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A reading warning of a document in the window's language. Reading records them
/// in English (they are part of the JSON contract); the known shapes are said again
/// here in Chinese, with their numbers and names kept. An unknown one is shown as
/// written rather than hidden.
pub fn warning(w: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return w.to_owned();
    }
    let between = |s: &str, pre: &str, post: &str| -> Option<String> {
        s.strip_prefix(pre)?.strip_suffix(post).map(str::to_owned)
    };
    if let Some(enc) = between(w, "replaced malformed ", " sequences") {
        return format!("已替换损坏的 {enc} 字节序列");
    }
    if w == "invalid UTF-8 sequences replaced with U+FFFD" {
        return "无效的 UTF-8 字节已替换为 U+FFFD".to_owned();
    }
    if let Some(n) = between(w, "repaired ", " pinyin annotations") {
        return format!("已去除 {n} 处拼音注音");
    }
    if let Some(rest) = w.strip_prefix("dropped ")
        && let Some((n, from)) = rest.split_once(" boilerplate lines (from '")
    {
        let from = from.strip_suffix("')").unwrap_or(from);
        return format!("已去除 {n} 行文末无关内容（自「{from}」起）");
    }
    if let Some(n) = between(w, "dropped ", " widget, navigation and counter lines") {
        return format!("已去除 {n} 行分享、导航和计数内容");
    }
    if w == "no article text found" {
        return "未找到正文".to_owned();
    }
    if let Some(d) = between(w, "HTML nested ", " deep: read with a plain tag stripper") {
        return format!("HTML 嵌套 {d} 层：改用简单方式去除标签");
    }
    if w.starts_with("off topic:") {
        return "与本领域无关：不含主题词表 [domain] 中的任何词，未提取条目".to_owned();
    }
    w.to_owned()
}

/// A kind's name, singular, as the detail panel shows it: the chart model's word, so
/// the window and exported charts name kinds alike.
pub fn kind(kind: Kind, lang: Lang) -> &'static str {
    crate::chart::kind_name(kind, lang)
}

/// A timeline lane's name (plural), as the chart model names it.
pub fn lane(kind: Kind, lang: Lang) -> &'static str {
    crate::chart::lane_name(kind, lang)
}

/// How precise a date is, so that "2025" is read as "some time in 2025".
pub fn precision(p: Precision, lang: Lang) -> &'static str {
    match (p, lang) {
        (Precision::Day, Lang::Zh) => "精确到日",
        (Precision::Month, Lang::Zh) => "精确到月",
        (Precision::Year, Lang::Zh) => "精确到年",
        (Precision::Day, Lang::En) => "day precision",
        (Precision::Month, Lang::En) => "month precision",
        (Precision::Year, Lang::En) => "year precision",
    }
}

/// A theme's label in the window's language.
pub fn theme(theme: &Theme, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &theme.label_zh,
        Lang::En => &theme.label_en,
    }
}

/// The axis label of a year.
pub fn year(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{year}年"),
        Lang::En => year.to_string(),
    }
}

/// The axis label of a month (1..=12).
pub fn month(month: u32, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh => format!("{month}月"),
        Lang::En => EN
            .get(month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("")
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        for t in [T::File, T::KeysHelp, T::SearchHint, T::Unknown] {
            assert!(!t.get(Lang::Zh).is_empty() && !t.get(Lang::En).is_empty());
            assert_ne!(t.get(Lang::Zh), t.get(Lang::En));
        }
        assert_eq!(month(3, Lang::En), "Mar");
        assert_eq!(month(13, Lang::En), "");
        assert_eq!(year(2025, Lang::Zh), "2025年");
    }

    #[test]
    fn reading_warnings_are_said_in_chinese() {
        for (en, zh) in [
            (
                "replaced malformed GB18030 sequences",
                "已替换损坏的 GB18030 字节序列",
            ),
            ("repaired 3 pinyin annotations", "已去除 3 处拼音注音"),
            (
                "dropped 12 boilerplate lines (from '相关新闻')",
                "已去除 12 行文末无关内容（自「相关新闻」起）",
            ),
            (
                "dropped 4 widget, navigation and counter lines",
                "已去除 4 行分享、导航和计数内容",
            ),
            ("no article text found", "未找到正文"),
            (
                "HTML nested 5000 deep: read with a plain tag stripper",
                "HTML 嵌套 5000 层：改用简单方式去除标签",
            ),
        ] {
            assert_eq!(warning(en, Lang::Zh), zh);
            assert_eq!(warning(en, Lang::En), en);
        }
        // Unknown: as written, never dropped.
        assert_eq!(warning("something new", Lang::Zh), "something new");
    }
}
