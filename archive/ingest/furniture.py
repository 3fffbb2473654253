"""Page furniture: the page header (paper, date, weekday, page number, section, editors) and jump lines.

Papers print the header in many shapes: on one line with ``|`` separators, spread over
several lines at the top of the page (paper / date / page number / section each on its
own), and the editors' line (责任编辑、责编、美编、校对、版式 with names) anywhere.  A line
is read as furniture when *all* of it is made of such pieces:

* strong pieces (a full date, a page number with its mark such as ``A07`` / ``第14版``,
  an editor's role with a name, a jump line 上接/下转) make a line furniture anywhere;
* weak pieces (a paper's name alone, a bare page number ``03``, a section name such as
  ``综合新闻`` or ``县域·民生``) only in the header zone at the top of the page, and a
  section name only while more header lines follow it (a short line ending the zone may
  be a kicker or a headline).
"""

from __future__ import annotations

import re

from .bylines import is_byline
from .gazetteer import PROVINCE_NAMES, is_column_line, leads_with_division

_HAN = r"[\u4e00-\u9fff]"
_DATE = re.compile(r"\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?")
_WEEKDAY = re.compile(r"(星期|礼拜)[一二三四五六日天]|(?<!\S)周[一二三四五六日](?!\S)")
_PAGE_NO = re.compile(
    r"第\s*[A-Z]?\s*[0-9一二三四五六七八九十]{1,3}\s*版|(?<![A-Za-z0-9])[A-Z]\s?\d{1,2}(\s*版)?(?![A-Za-z0-9])"
    r"|(?<!\d)\d{1,2}\s*版"
)
# A page number standing on its own (县域 07), not a count inside a headline (新添8家).
_BARE_NUMBER = re.compile(r"(?<![\d.\w])\d{1,3}(?![\d.%\w])")
# An editor's role followed by one name (2–4 characters, possibly printed with spaces).
_ROLES = (
    r"(责任编辑|执行编辑|美术编辑|版式编辑|图片编辑|摄影编辑|版式设计|值班编委|总编辑|责编|美编|主编|编辑|校对"
    r"|版式|组版|审读|总检|终审|三审|二审|一审|初审|复审|审核|监制|剪辑|主播|制作|策划|统筹|出品)"
)
_NAME_CHAR = rf"(?!{_ROLES}){_HAN}"
_EDITOR = re.compile(rf"{_ROLES}\s*[:：/／]?\s*{_NAME_CHAR}(\s?{_NAME_CHAR}){{1,3}}(?!{_NAME_CHAR})")
_PAPER = re.compile(
    rf"{_HAN}{{2,10}}?(日报|晚报|报|融媒体中心|门户网站|新闻网|客户端)(数字报|电子版)?(?!{_HAN})|红网|新湖南"
)
JUMP_LINE = re.compile(
    r"^[（(]?\s*(上接|下转|接上|转第|接第|转)\s*[A-Za-z]?\s*第?\s*[A-Za-z0-9一二三四五六七八九十]{1,3}\s*版"
    r"\s*[①-⑳]?\s*[)）]?$"
)
_SEPARATORS = re.compile(r"[\s|｜·•/:：]+")
_SECTION = re.compile(rf"{_HAN}{{2,8}}")
# Names that only a page's section can carry (县市区新闻, 综合新闻, 要闻): never a kicker or a headline.
_SECTION_NAME = re.compile(r"(新闻|要闻|综合|资讯|时讯|动态|专版|专刊|副刊)$")
_SERIES = re.compile(r"(之[\u4e00-\u9fff]{1,8}(?<![新华章])篇|篇[①-⑳\d]*$|系列|[①-⑳])")
# What a masthead prints besides the paper's name: its serial numbers and publisher
# (国内统一刊号:CN43-0020, 邮发代号41-2, 湖南日报社主管主办, …日报社出版) and its name in
# capitals (CHENZHOU DAILY). Never article text, wherever it is printed.
_MASTHEAD = re.compile(
    r"(国内统一连续出版物号|国内统一刊号|统一刊号|国际标准刊号|邮发代号)\s*[:：]?\s*(CN|ISSN)?\s*[\dA-Z\-－/]{4,14}"
    r"|(?<![A-Za-z])CN\s?\d{2}\s?[-－]\s?\d{4}(/[A-Z]{1,2})?"
    rf"|{_HAN}{{2,20}}(委员会|党委)?机关报(?!{_HAN})"
    rf"|{_HAN}{{2,10}}(报社|集团|传媒中心|融媒体中心)\s*(主管主办|主管|主办|出版)(?!{_HAN})"
    # a gazette's issue: 《汨罗政报》2024年第6期
    r"|《[^》]{2,12}》\s*\d{4}\s*年\s*第\s*\d{1,3}\s*期"
    # The imprint at a page's foot: 社址：… 邮编：414000 订阅热线：… 印刷：…
    r"|(社址|地址)\s*[:：]\s*\S{4,30}(?=\s|$)|邮(政)?编(码)?\s*[:：]?\s*\d{6}"
    r"|(订阅|发行|广告|新闻|值班)(热线|电话)\s*[:：]?\s*[\d\-－]{7,14}"
    r"|^[A-Z][A-Z.&\s]{2,40}\b(DAILY|NEWS|TIMES|EVENING|POST|HERALD|JOURNAL|BAO|RIBAO|WANBAO)\b[A-Z.&\s]*$"
)


# Online dumps (news sites) print metadata lines around each article: when and where it was
# published, how often read, the site's breadcrumb, share buttons.  None of it is article text.
_WEB_META_PIECES = re.compile(
    r"(发布时间|发表时间|发稿时间|更新时间|发布日期|发稿日期|时间|日期)\s*[:：]\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(\s*\d{1,2}:\d{2}(:\d{2})?)?"
    r"|【\s*(来源|稿源|出处)\s*[:：][^】]{1,30}】"
    r"|(?<!\S)(来源|稿源|出处)\s*[:：|｜丨]\s*\S{2,30}"
    r"|(浏览次数|阅读次数|点击次数|访问次数|浏览量|阅读量|阅读数|点击数|点击量|访问量|播放量|浏览|阅读|点击|播放|字数)\s*[:：]\s*[\d.]*\s*[万次]?\+?"
    # An app's counters and buttons: 评论（0） 点赞21 收藏, 播放5621, 字号A- A+, ▶ 02:36 (a video's length).
    r"|(?<!\S)(评论\s*[（(]\d+[)）]|(点赞|收藏|转发|评论|播放|阅读|浏览|点击)\s*[\d.]+万?\+?|收藏|点赞)(?!\S)"
    r"|字号\s*A-\s*A\+|[▶►]\s*\d{1,2}:\d{2}"
    # 作者：宜章县司法局 — an organisation named as the author is the item's source, not a person.
    r"|(?<!\S)作者\s*[:：]\s*[\u4e00-\u9fff]{2,16}(局|中心|办公室|办|委员会|委|部|院|站|所|政府|公司|学校|医院|协会|镇|乡|街道|社区)(?!\S)"
    r"|(?<!\S)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?(?!\S)"  # a bare time stamp
    r"|(发布日期|发稿日期|信息来源|文章来源|本文来源|录入时间)\s*[:：]\s*\S{2,30}"
    # A government site's disclosure table over the item: 索引号, 发布机构, 公开范围 …
    r"|(信息索引号|索引号|发布机构|所属机构|公开范围|公开方式|公开时限|主题分类|发文日期|成文日期|生成日期|文号)\s*[:：]\s*\S{1,40}"
    r"|【\s*字[体号]\s*[:：][^】]{0,12}】|字号\s*[:：]\s*(大\s*中\s*小|T\s*[|｜]\s*T)|【?打印本页】?|【?关闭窗口】?|【?收藏本页】?"
    r"|【\s*(打印|关闭|纠错|收藏)\s*】"
    # Font-size buttons and a bare 打印 link: [ 大 中 小 ], 字体：【大】【中】【小】.
    r"|[\[【(（]\s*大\s*中\s*小\s*[\]】)）]|字[体号]\s*[:：]\s*([【\[]?\s*[大中小]\s*[】\]]?\s*){3}"
    r"|([【\[]\s*[大中小]\s*[】\]]\s*){3}"
    r"|(?<!\S)(打印|关闭|收藏)(?!\S)"
    r"|[（(【\[]\s*(责任编辑|编辑|责编)\s*[:：]\s*[\u4e00-\u9fff](\s?[\u4e00-\u9fff]){1,3}\s*[)）】\]]"
    r"|(?<=\s)(责任编辑|编辑|责编|审核)\s*[:：]\s*[\u4e00-\u9fff](\s?[\u4e00-\u9fff]){1,3}(?![\u4e00-\u9fff])(?!\s*[:：])"
    r"|(?<!\S)(作者|编辑|责任编辑|来源|字号|字体)\s*[:：](?=\s|$)"  # a label the site left empty
    r"|(?<!\S)(红网时刻新闻|红网时刻|时刻新闻|新湖南客户端)(?=\s)"  # the publisher in front of the time
    # Share buttons at a line's end: 分享到 微信 微博.
    r"|(?<!\S)【?分享(到|至)】?\s*[:：]?(\s*(微信|微博|QQ空间|朋友圈|QQ))*(?!\S)"
)
# Share buttons, links to the previous / next item (they repeat other items' headlines), 返回顶部.
# A picture's place in a dump: its placeholder ([图片], 图片) and/or its file name (1.jpg).
_PICTURE_PLACEHOLDER = r"[\[【](图片|图|照片|视频|音频|image|img|picture|video)[\]】]|图片"
_PICTURE_FILE = r"[\w\-]{1,40}\.(jpe?g|png|gif|webp|bmp)"
_PICTURE = rf"({_PICTURE_PLACEHOLDER})?\s*({_PICTURE_FILE})|{_PICTURE_PLACEHOLDER}"


_SHARE = re.compile(
    r"^(分享(到|至)?\s*[:：]|【?分享到】?|[【\[]?(上一篇|下一篇|相关新闻|相关阅读)[】\]]?\s*[:：]|上一篇\s+下一篇|返回顶部$|扫一扫"
    r"|[【\[]?(相关阅读|相关新闻|相关链接|推荐阅读|延伸阅读)[】\]]?$)"
)
# Whole lines of a site's or an e-paper's chrome: navigation, image file names, app names,
# print / close / font-size buttons, footer links to other sites.
_CHROME = re.compile(
    r"^(上一篇\s*[•·|｜/]?\s*下一篇|上一篇|下一篇|返回(本版)?目录|返回(首页|列表|顶部|上一页)|(本版)?(版面|标题)导航"
    r"|(放大|缩小|默认)(\s*(放大|缩小|默认)){1,2}|时刻新闻(\s*[—-]*分享[—-]*)?"
    r"|([\[【]?(打印本页|关闭窗口|收藏本页|打印此页|加入收藏|返回顶部|打印|关闭)[\]】]?)+"
    r"|[—-]*分享[—-]*|.{0,30}(ICP备|ICP证|公网安备|版权所有|Copyright|©).*|(主办|承办|协办)(单位)?\s*[:：].*|.{0,40}网站标识码.*"
    r"|[\[【]\s*字[体号]\s*[:：][^\]】]{0,12}[\]】]|请输入(关键字|关键词|搜索内容|检索词)?\s*(搜索|检索)?"
    r"|(建议|推荐)(使用|采用).{0,30}(分辨率|浏览器).{0,20}"
    r"|原标题\s*[:：].{2,60}|听全文|\d{1,2}|喜欢此内容的人还喜欢|打开(APP|App|app|客户端).{0,12}|▼.{0,12}"
    r"|[\[【](详细|详情|全文|更多)[\]】]"  # (a digest's item number alone: 01, 02 …)
    r"|视频加载失败.{0,12}|(展开|查看|阅读)全文|展开阅读全文|点击(上方)?蓝字.{0,8}|关注我们|图片"
    r"|[（(]\s*(据|转自|摘自)\s*《[^》]{2,16}》[^）)]{0,10}[）)]|[（(]\s*据\s*[\u4e00-\u9fff]{2,10}(社|网|台|报|客户端)\s*[）)]"
    # Links to the items before and after: 【上一篇】新墙镇开展…, 【下一篇】无; a comment button alone
    r"|[【\[](上一篇|下一篇|上一条|下一条)[】\]]\s*[:：]?.{0,60}|(写留言|写评论|发表评论|我要评论|写下[你您]的(评论|留言|想法))(\.{2,}|…+|⋯+)?"
    # An app's prompt under its item: 打开时刻新闻，参与讨论 / 打开掌上双峰，阅读体验更佳
    r"|打开[\u4e00-\u9fffA-Za-z“”\"]{2,12}[，,]\s*(参与(讨论|互动|评论)|(查看|阅读|浏览|看)(更多|全文)[\u4e00-\u9fff]{0,6}|(阅读|浏览|观看)?体验更佳)"
    # 声明：本文版权归原作者所有，转载请注明出处。
    r"|(声明|免责声明)\s*[:：].{0,60}(版权|转载|出处).{0,40}"
    # A site's reading modes and a push's preview note: 无障碍 长者模式 简体版, 预览时标签不可点
    r"|((无障碍|长者模式|关怀版|适老化|简体版?|繁[體体]版?|English)\s*[|｜]?\s*){2,}|预览时标签不可点"
    r"|[\u4e00-\u9fff·]{2,30}出品"  # 浏阳日报社·浏阳市融媒体中心出品
    r"|(继续|向上)滑动看下一个|微信扫一扫(关注该公众号)?|关注该公众号|轻触阅读原文"
    r"|([【\[](返回(本版)?目录|返回首页|打印本页|关闭窗口|打印|关闭|收藏)[】\]]\s*){2,}"
    r"|技术支持\s*[:：].{0,40}|(联系电话|咨询电话|值班电话)\s*[:：]\s*[\dxX*\-－]{7,14}.{0,40}"
    r"|摘要\s*[:：].{0,120}"  # a push's summary over its items
    # A site's footer links: 网站地图 | 联系我们 | 关于我们 (two are already a footer)
    r"|((网站地图|联系我们|关于我们|网站声明|隐私政策|免责声明|使用帮助|意见建议|纠错|无障碍)\s*[|｜·]?\s*){2,}"
    r"|[■◆●]?(快讯|简讯|短讯)"  # a column of briefs names itself over them
    r"|【[\u4e00-\u9fff]{2,10}】\d{1,2}月\d{1,2}日"  # a push's issue line: 【凤凰新闻】6月18日
    r"|字号\s*[:：].{0,20}|([大中小]字号\s*){1,3}|本文链接\s*[:：].*|本文为.{2,20}原创(文章|稿件).{0,30}|本站原创(文章|稿件)?[，,].{0,30}|点击(查看|进入).{0,20}"
    rf"|{_PICTURE}"
    r"|(下载|打开|安装)[\u4e00-\u9fff]{2,10}(客户端|APP|App|app)\S{0,10}|\S{0,16}扫码(关注|下载|阅读|观看)\S{0,8}"
    r"|(立即|马上|点击)(下载|打开|安装)(APP|App|app|客户端)?"
    r"|[\u4e00-\u9fff·]{2,12}(客户端|APP|App|app)(下载|扫码下载)?(扫一扫|扫码)?"
    # A WeChat push's line under its headline: 原创 资兴融媒 资兴融媒 2024年05月20日 18:30 湖南
    r"|(原创)?[\u4e00-\u9fffA-Za-z0-9]{0,30}\d{4}年\d{1,2}月\d{1,2}日\d{1,2}:\d{2}[\u4e00-\u9fff]{0,4}"
    # 原创 醴陵发布 醴陵发布 (the account and its author), the account's name alone: 醴陵发布
    r"|原创[\u4e00-\u9fffA-Za-z0-9]{2,24}|[\u4e00-\u9fff]{2,4}发布"
    # 红网时刻新闻 2024-05-20 09:41:12, 湘潭县融媒体中心 2024-07-16 18:20 播放 5621
    r"|[\u4e00-\u9fff]{2,16}\d{4}-\d{1,2}-\d{1,2}\d{1,2}:\d{2}(:\d{2})?((播放|阅读|浏览|点击)(量|次数)?[:：]?[\d.]+万?\+?)?"
    r"|([\u4e00-\u9fff]{2,12}(人民政府|政府网|政府门户网站)\s*)+"  # the site's name, or links to others
    r"|[（(【\[]\s*(来源|稿源)\s*[:：](?![^）)】\]]*(记者|通讯员))[^）)】\]]{2,20}[）)】\]]|(相关链接|友情链接)\s*[:：].*|我要(举报|纠错|评论)|(新闻|举报|投稿|服务)热线\s*[:：]?[\dxX*\-－]{7,14}"
    # A site's footer: 地址：江永县潇浦镇  联系电话：0746-5712xxx
    r"|(联系)?地址[:：][^，。]{2,30}(联系)?电话[:：][\dxX*\-－]{7,14}"
    # Copyright notices and video players: 【版权声明】本文为…原创稿件，未经授权不得转载。
    # A WeChat push's buttons: 点击“阅读原文”了解更多, 分享 收藏 点赞 在看.
    # An app's prompt and its top bar: —— 下载邵东融媒APP，看更多本地新闻 ——, ＜ 邵东融媒 ···
    r"|[—\-]*(下载|打开)[“\"「]?[\u4e00-\u9fffA-Za-z]{0,12}[”\"」]?(APP|客户端)[，,]?[\u4e00-\u9fff]{0,12}[—\-]*"
    r"|[＜<‹〈][\u4e00-\u9fffA-Za-z]{2,12}(···|…|⋯|\.{3})?"
    r"|[—\-－_=·]*(END|End)[—\-－_=·]*"  # a WeChat push's end mark: —END—
    r"|[↓↑⬇▼]{2,6}"  # arrows pointing at what follows
    # A picture column's issue: 镜头·古丈（2024年第23期）
    r"|[\u4e00-\u9fff·]{2,12}[（(]\d{4}年第\d{1,3}期[）)]"
    # A video player's clock and its quality: [视频] 00:00 / 01:48, ▶ 02:41 | 1080P
    r"|([\[【]视频[\]】])?(\d{1,2}:)?\d{1,2}:\d{2}/(\d{1,2}:)?\d{1,2}:\d{2}|[▶►]?\d{1,2}:\d{2}[|｜]?\d{3,4}[Pp]"
    # A column of briefs names itself over them: 快讯两则
    r"|(快讯|简讯|短讯|要闻|资讯|新闻|消息)[一二两三四五六七八九十\d]{1,2}则"
    r"|[\u4e00-\u9fff]{0,12}长按(识别)?(二维码|图片)?(关注|识别).{0,16}"
    r"|点击[“\"]?阅读原文[”\"]?.{0,10}|阅读原文|((分享|收藏|点赞|在看|转发)\s*){2,5}"
    r"|[【\[]?版权(声明|所有)[】\]]?.{0,80}|版权作品.{0,80}|[^。]{0,60}未经[\u4e00-\u9fff]{0,10}?(协议|书面)?(授权|许可|书面授权)[，,]?\S{0,6}(不得|严禁|禁止)(下载|转载|使用|复制|摘编).{0,60}"
    r"|[▶►]?\s*点击播放(视频)?.{0,20}|[，,]?\s*(视频)?时长\s*[:：]?\s*\d{1,2}:\d{2}"
    r"|[\[【]?(视频|图片|音频)?(加载中|载入中|正在加载)[…\.。]*[\]】]?"
    # A site's name on a line of its own: 潇湘晨报网, 新化新闻网, 红网.
    r"|(([\u4e00-\u9fff]{2,8}(新闻网|晨报网|日报网|晚报网|在线|融媒)|掌上[\u4e00-\u9fff]{2,3})\s*){1,3}|红网([\u4e00-\u9fff]{2,4}(站|频道))?|华声在线"
    r"|本文(转自|转载自|来源于|来自)[^，。]{2,20}[，,]?(转载请注明(出处|来源))?。?"
    # A site's address alone, or under its name: 武冈市人民政府 www.wugang.gov.cn
    r"|(https?://)?(www\.)?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+(/\S*)?"
    r"|[\u4e00-\u9fff]{2,16}(https?://|www\.)[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+(/\S*)?"
    # A list page's entry: its date alone, its link to the item ([2023-09-11] / 详细>>).
    r"|[\[【(（]\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[\]】)）]|\d{2}-\d{2}|(详细|详情|更多|全文|阅读全文|查看全文)\s*([>＞»]{1,3}|》)"
    r")$",
    re.IGNORECASE,
)
# 首页 > 新闻 > 正文: two steps at least, or one ending on 正文 / starting at 当前位置.
_CRUMB = r"[^\s>＞»›，。]{2,12}"
_STEP = r"\s*[>＞»›]{1,2}\s*"  # 首页 > 新闻, 首页>>新闻动态
BREADCRUMB = re.compile(
    rf"^((当前位置|您当前的位置|您现在的位置|您的位置|所在位置|当前的位置)\s*[:：]\s*{_CRUMB}({_STEP}{_CRUMB}){{1,5}}"
    rf"|{_CRUMB}({_STEP}{_CRUMB}){{2,5}}|{_CRUMB}{_STEP}正文)$"
)


# A list page's entry: a linked title with its date (· 宜章县召开…推进会    2023-11-08).
_LINK_ENTRY = re.compile(
    r"^[·•●○◆■\-]?\s*(?P<title>\S.{3,50}?)\s+[\[（(]?(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[\]）)]?$"
)


def list_entry_title(text: str) -> tuple[str, str] | None:
    """(title, date) of a list page's entry (· 江垭镇开展汛后水毁设施排查修复　2024-09-12)."""
    m = _LINK_ENTRY.match(text.strip())
    if m is None or re.search(r"[，。；！？]", m.group("title")):
        return None
    return m.group("title").strip().lstrip("·•●○◆■- "), m.group("date")


# Paging of a list: 共5条 1/1页 首页 上一页 下一页 尾页.
_PAGING = re.compile(
    r"^(共\s*\d+\s*[条页篇].*)?(首页|上一页|下一页|尾页|\d+\s*/\s*\d+\s*页|\s)+$|^[-—=_*·.]{8,}$|^共\s*\d+\s*[条页篇]$"
    # 共 128 条 首页 上一页 1 2 3 下一页 尾页 转到 页; a page number between dashes (— 3 —)
    r"|^(?=.*(首页|上一页|下一页|尾页|末页|转到|跳转))(共\s*\d+\s*[条页篇]\s*)?((首页|上一页|下一页|尾页|末页|转到|跳转|第?\s*\d+\s*页?|页|GO)\s*)+$"
    r"|^[-—－]+\s*\d{1,3}\s*[-—－]+$"
)
# Words that make up e-paper and site navigation (3 上一篇 放大 缩小 默认; 第06版:县域经济 4上一版 下一版3).
_NAV_WORDS = re.compile(
    r"(头版|上一篇|下一篇|上一版|下一版|上一期|下一期|上一页|下一页|末页|尾页|跳转[至到]?|转到|上页|下页|当前第?\s*\d+\s*/\s*\d+\s*页|第?\s*页|共\s*\d+\s*[条页](记录)?|\d+\s*条\s*/\s*页|GO|放大|缩小|默认|首页|版面导航|标题导航|往期回顾|往期|返回目录"
    r"|打印|关闭|PDF(下载|版)?|下载|[«»]|本期共\s*\d+\s*版(\s*[（(][A-Z0-9\-－、]+[)）])?|\d{1,3})"
)


_PUBLICATION_IN_FRONT = re.compile(r"^[\u4e00-\u9fff·]{2,12}(报|数字报|电子报|电子版|网|客户端)\s+")


def is_navigation(text: str) -> bool:
    """A line of a site's or an e-paper's navigation: a bar of short links, or paging words only."""
    t = text.strip()
    if not t or len(t) > 90 or re.search(r"[，。！？；,;!?]", t):
        return False
    links = [x.strip() for x in re.split(r"[|｜]", t)]
    labelled = any(re.search(r"(^|\s)(文|图|记者|通讯员|摄影|摄像|作者|编辑)$", x) for x in links)
    if len([x for x in links if x]) >= 3 and all(len(x) <= 10 for x in links) and not labelled:
        return True  # 首页 | 时政要闻 | 乡镇动态 | 部门动态 (文 | 毛一凡  图 | 彭湘 is a byline)
    # A menu spaced out instead: 首页  时政要闻  乡镇动态  部门动态
    links = [x for x in re.split(r"\s{2,}|\u3000+", t) if x]
    if len(links) >= 4 and "首页" in links and all(len(x) <= 8 for x in links):
        return True
    # …or by single spaces, the menu opening on 首页: 首页 新化新闻 乡镇动态 视频 专题
    links = t.split()
    if len(links) >= 4 and links[0] in ("首页", "网站首页", "主页") and all(len(x) <= 6 for x in links):
        return True
    # An e-paper names itself in front of its item links: 张家界日报数字报 上一篇 下一篇 返回目录.
    t = _PUBLICATION_IN_FRONT.sub("", t)
    rest = _NAV_WORDS.sub(" ", t)
    return bool(re.search(r"(上一|下一|上页|下页|末页|尾页|放大|缩小|导航|往期|PDF)", t)) and not re.sub(
        r"[\s·•|｜/:：…]+", "", rest
    )


_IMAGE_NAME = re.compile(
    rf"^({_PICTURE})$",
    re.IGNORECASE,
)


def is_image_name(text: str) -> bool:
    """A picture's file name or placeholder left in a dump where the picture was (1.jpg,
    20240312_xx.png, [图片])."""
    return bool(_IMAGE_NAME.match(re.sub(r"\s+", "", text)))


def frames_item(text: str) -> bool:
    """An online item's metadata or footer line (来源, 发布时间, 编辑, 打印/关闭, 本文链接…).

    Image file names, breadcrumbs and navigation bars are chrome too, but a picture sits
    inside an item and navigation between items: neither says where an item starts or ends.
    """
    t = re.sub(r"\s+", "", text)
    return is_web_metadata(text) and not (
        _IMAGE_NAME.match(t) or _IN_ITEM.match(t) or BREADCRUMB.match(text.strip()) or is_navigation(text)
    )


# Buttons and placeholders printed inside an item's text: 展开全文, a picture's alt text 图片, a
# video player's error; an item's read count under its metadata.
_IN_ITEM = re.compile(
    r"^(\d{1,2}|(展开|查看|阅读)全文|展开阅读全文|视频加载失败.{0,12}|(阅读|浏览|点击)[\d.]+万?\+?)$"
)


def split_web_metadata(text: str) -> tuple[str, list[str]]:
    """(the rest, the metadata pieces) of a line mixing metadata with a byline.

    ``来源：益阳日报  作者：李娜`` → (``作者：李娜``, [``来源：益阳日报``]).
    """
    pieces = [m.group(0).strip() for m in _WEB_META_PIECES.finditer(text)]
    return _WEB_META_PIECES.sub(" ", text).strip().strip(" |｜/·\u3000"), pieces


# The words a site's or an app's buttons and counters are made of.  A line of nothing else (点赞 12
# | 分享 | 写留言, 长者模式 无障碍, 朗读 ▶ 01:20) is chrome whichever of them it combines.
_UI_WORDS = re.compile(
    r"我要问|阅读原文|写留言|写评论|发表评论|说点什么|我来说两句|留言|赞赏|喜欢|在看|点赞|收藏|转发|分享|评论|阅读|播放|浏览|点击|朗读|听全文|语音播报|字号|字体|打印|关闭|窗口|本页"
    r"|返回|顶部|首页|上一页|下一页|上一篇|下一篇|更多|详细|详情|全文|展开|收起|下载|打开|客户端|扫一扫|扫码|关注"
    r"|微信|微博|QQ空间|QQ|朋友圈|复制链接|链接|举报|纠错|我要|登录|注册|搜索|无障碍|长者模式|适老模式|简体|繁体|默认"
    r"|放大|缩小|视频|时长|分钟|加载失败|刷新|重试|APP|App|app|\d{3,4}[Pp]|高清|标清|超清|[大中小次万约]"
)
_UI_FILLER = re.compile(r"[\s\d.:：…|｜·•/()（）【】\[\]<>《》+\-—▶►▼◀←→↑↓@#]+")


def is_ui_line(text: str) -> bool:
    """A line made of buttons and counters only: no word of text between them."""
    t = text.strip()
    if not 2 <= len(re.sub(r"\s+", "", t)) <= 40:
        return False
    words = _UI_WORDS.findall(t)
    long_words = [w for w in words if len(w) >= 2]
    return bool(long_words) and len(words) >= 2 and not _UI_FILLER.sub("", _UI_WORDS.sub("", t))


def is_web_metadata(text: str) -> bool:
    """A line of an online dump's page chrome: 发布时间/来源/浏览次数, 分享到, a breadcrumb (… > 正文)."""
    t = text.strip()
    if not t or len(t) > 90 and "<" not in t:
        return False
    if is_ui_line(t):
        return True
    if _SHARE.match(t) or BREADCRUMB.match(t) or _CHROME.match(re.sub(r"\s+", "", t)) or is_navigation(t):
        return True
    if _PAGING.match(t) or _LINK_ENTRY.match(t) and not re.search(r"[，。；！？]", t):
        return True
    site = _PLACE_SITE.match(t)
    if site and (site.group(1) in PROVINCE_NAMES or leads_with_division(site.group(1))):
        return True  # 湘西网, 娄底网: a place's news site names itself
    if len(re.findall(r"</?[A-Za-z][\w:-]*(\s[^<>]*)?/?>", t)) >= 1 and not re.search(r"[，。；！？]", t):
        return True  # markup left in a dump: <enpproperty>…, <br/>
    if t.startswith(("<!--", "-->")) or t.endswith("-->"):
        return True  # a comment of the e-paper's page source: --> 2024-03-26 … /enpproperty-->
    rest, n = _WEB_META_PIECES.subn(" ", t)
    return n > 0 and not re.sub(r"[\s|｜/·•]+", "", rest)


def _strip_markup(text: str) -> str:
    return re.sub(r"^#+\s*", "", text.strip())


_SPACED_ROLE = re.compile(r"(^|\s)([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])\s*([:：])")


def header_parts(text: str) -> tuple[int, int, str]:
    """(strong pieces, weak pieces, leftover) of a line read as a page header."""
    # A two-character role spaced out to line up with longer ones: 编 辑：伍嘉, 二 审：罗一鸣.
    t = _SPACED_ROLE.sub(r"\1\2\3\4", _strip_markup(text))
    if re.fullmatch(r"\s*[\u4e00-\u9fff](\s+[\u4e00-\u9fff]){1,5}\s*", t):
        t = re.sub(r"\s+", "", t)  # a masthead spaced out across the page: 团 结 报
    strong = weak = 0
    for pattern in (_MASTHEAD, _EDITOR, _DATE, _WEEKDAY, _PAGE_NO):
        t, n = pattern.subn(" ", t)
        strong += n
    t, n = _PAPER.subn(" ", t)
    weak += n
    t, n = _BARE_NUMBER.subn(" ", t)
    weak += n
    return strong, weak, t


def without_masthead(text: str) -> str:
    """The line with a masthead's serial numbers and publisher (统一刊号, …报社主管主办) removed."""
    return _MASTHEAD.sub(" ", text)


def is_jump_line(text: str) -> bool:
    """上接A1版, （下转第2版）, 转第3版: where an article goes on."""
    return bool(JUMP_LINE.match(re.sub(r"\s+", "", text)))


def is_header_line(text: str, *, in_zone: bool = False, more_follow: bool = False) -> bool:
    """Is this whole line page-header furniture?  See the module docstring for the rules."""
    # An e-paper prints its paging words beside the page's name: 第06版:县域经济 4上一版 下一版3.
    t = re.sub(r"(上一版|下一版|上一篇|下一篇|放大|缩小|默认|[◀▶►◄←→«»])", " ", _strip_markup(text))
    if not t or len(t) > 90 or re.search(r"[，。！？；,;!?“”\"]", t):
        return False
    if is_jump_line(t) or is_web_metadata(t) or is_navigation(text):
        return True
    strong, weak, rest = header_parts(t)
    leftover = [w for w in _SEPARATORS.split(rest) if w]
    sections = [
        w
        for w in leftover
        if _SECTION.fullmatch(w) and not (_SERIES.search(w) or is_column_line(w, named_by_kind=False))
    ]
    if len(sections) != len(leftover) or len(sections) > 2:
        return False
    if strong and re.match(r"^\s*(记者|通讯员|特约通讯员|实习生)", rest) and is_byline(rest):
        return False  # 记者：郑晓彤  剪辑：邓可: a byline with the video's crew beside it
    if strong:
        return True
    if not in_zone:
        return False
    if sections:
        # A section name beside a paper's name or a page number, or alone with more header lines below.
        return bool(weak) or (len(sections) == 1 and (more_follow or bool(_SECTION_NAME.search(sections[0]))))
    return weak > 0


_PLACE_SITE = re.compile(r"^([\u4e00-\u9fff]{2,5})(网|新闻网|在线)$")


def is_buttons_line(line: str) -> bool:
    """A line of a site's buttons only (font size, print, close, share) or a video's length (▶ 01:55)."""
    rest, pieces = split_web_metadata(line)
    return bool(pieces) and not rest and all(re.search(r"字|打印|关闭|分享|收藏|^[▶►]", p) for p in pieces)


def squash_line(text: str) -> str:
    return re.sub(r"\s+", "", _strip_markup(text))


__all__ = [
    "is_buttons_line",
    "is_image_name",
    "header_parts",
    "is_header_line",
    "is_jump_line",
    "is_web_metadata",
    "split_web_metadata",
    "without_masthead",
]
