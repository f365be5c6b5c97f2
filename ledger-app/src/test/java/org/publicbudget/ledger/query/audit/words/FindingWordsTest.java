package org.publicbudget.ledger.query.audit.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.DocumentParser;
import org.publicbudget.ledger.app.imports.DocumentReview;
import org.publicbudget.ledger.app.imports.Finding;
import org.publicbudget.ledger.app.imports.Seed;

/** Every finding the import writes has Chinese words, with the document's names and amounts carried over. */
class FindingWordsTest {

    @Test
    void everyFindingOfTheSeedReadsInChinese() {
        List<Finding> findings = DocumentReview.review(DocumentParser.parse(Seed.text())).findings();
        assertThat(findings).hasSizeGreaterThan(10);
        for (Finding finding : findings) {
            String zh = FindingWords.zh(finding.message());
            assertThat(zh).as(finding.message()).isNotNull().doesNotContainPattern("\\b(the|of|but|is|are|lines?|project|unit)\\b");
        }
    }

    @Test
    void eachShapeKeepsItsNamesAndAmounts() {
        assertThat(FindingWords.zh("the grand total (合计) declares 4892.11 but all projects add up to 4892.12: variance +0.01 万元"))
                .isEqualTo("合计申报 4892.11，但全部项目相加为 4892.12，差额 +0.01 万元");
        assertThat(FindingWords.zh("unit 综合保障中心 declares 644.08 but its projects add up to 644.09: variance +0.01 万元"))
                .isEqualTo("单位“综合保障中心”申报 644.08，但其项目相加为 644.09，差额 +0.01 万元");
        assertThat(FindingWords.zh("indicator 2 of 编外人员聘用经费: period target 100% but annual target 98%"))
                .isEqualTo("项目“编外人员聘用经费”第 2 项指标：实施期目标“100%”与年度目标“98%”不同");
        assertThat(FindingWords.zh("indicator 1 of 办公经费: target \"若干\" cannot be read")).isEqualTo("项目“办公经费”第 1 项指标：目标值“若干”无法解读");
        assertThat(FindingWords.zh("lines 40–44 repeat project 办公经费 (garbled); the copy at lines 36–39 is kept"))
                .isEqualTo("第 40–44 行重复了项目“办公经费”（有乱码）；保留第 36–39 行的一份");
        assertThat(FindingWords.zh("text outside the table: 附件 2")).isEqualTo("表格以外的文字：附件 2");
        assertThat(FindingWords.zh("something the ledger never wrote")).isNull();
    }
}
