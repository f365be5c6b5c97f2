package org.publicbudget.ledger.app.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The auditors' web page: static files under {@code /ui/} (resources/static/ui),
 * every asset bundled so that it works offline. It reads the same API with the
 * same accounts; the files themselves hold no data.
 */
@Configuration
public class WebPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/ui/");
        registry.addRedirectViewController("/ui", "/ui/");
        registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
    }
}
