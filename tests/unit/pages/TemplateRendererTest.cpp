#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <ctemplate/template.h>

#include <tessera/kernel/render/TemplateRenderer.hpp>

using tessera::kernel::TemplateRenderer;

namespace {

TemplateRenderer::Options optionsFor(const std::string& theme) {
    TemplateRenderer::Options options;
    options.root = TESSERA_TEST_SOURCE_DIR;
    options.theme = theme;
    return options;
}

TEST(TemplateRenderer, EscapesEveryVariableForItsContext) {
    TemplateRenderer renderer(optionsFor("default"));
    ctemplate::TemplateDictionary dict("error");
    dict.SetValue("HEADING", "<script>alert(\"x\")</script>");
    dict.SetValue("MESSAGE", "a & b ' c");
    dict.SetIntValue("STATUS", 404);
    std::string html = renderer.render("error.tpl", dict);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("a &amp; b &#39; c"), std::string::npos);
    EXPECT_NE(html.find("Error 404"), std::string::npos);
}

TEST(TemplateRenderer, LooksUpThemeThenKernelTemplates) {
    TemplateRenderer dark(optionsFor("dark"));
    EXPECT_EQ(dark.locate("home.tpl")->parent_path().parent_path().filename(), "dark");
    EXPECT_EQ(dark.locate("list.tpl")->parent_path().filename(), "templates");
    EXPECT_EQ(dark.locateStatic("theme.css")->parent_path().parent_path().filename(), "dark");
    EXPECT_EQ(dark.locateStatic("style.css")->parent_path().parent_path().filename(), "default");
    ctemplate::TemplateDictionary dict("home");
    dict.SetValue("USER", "Ada");
    EXPECT_NE(dark.render("home.tpl", dict).find("Good evening, Ada"), std::string::npos);
    TemplateRenderer plain(optionsFor("default"));
    EXPECT_NE(plain.render("home.tpl", dict).find("Welcome, Ada"), std::string::npos);
}

TEST(TemplateRenderer, RefusesNamesThatLeaveTheTemplateDirectories) {
    TemplateRenderer renderer(optionsFor("default"));
    EXPECT_FALSE(renderer.locate("../CMakeLists.txt"));
    EXPECT_FALSE(renderer.locateStatic("..%2Fx"));
    ctemplate::TemplateDictionary dict("x");
    EXPECT_THROW(renderer.render("missing.tpl", dict), std::runtime_error);
    EXPECT_THROW(TemplateRenderer(optionsFor("../etc")), std::runtime_error);
}

TEST(TemplateRenderer, RendersFromManyThreadsAtOnce) {
    TemplateRenderer renderer(optionsFor("default"));
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                ctemplate::TemplateDictionary dict("error");
                dict.SetValue("MESSAGE", "m" + std::to_string(i));
                if (renderer.render("error.tpl", dict).find("m" + std::to_string(i)) !=
                    std::string::npos) {
                    ++good;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(good.load(), 400);
}

}  // namespace
