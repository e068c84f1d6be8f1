package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelFoldersTest {
    @Test
    void modelsLiveBesideTheProjectFile() {
        Path project = Path.of("/data/studies/hh.rlaif");
        assertThat(ModelFolders.of(project)).isEqualTo(Path.of("/data/studies/hh.models"));
        assertThat(ModelFolders.run(project, 7)).isEqualTo(Path.of("/data/studies/hh.models/run-7"));
    }

    @Test
    void aProjectFileWithoutTheUsualSuffixKeepsItsWholeName() {
        assertThat(ModelFolders.of(Path.of("/tmp/study.db"))).isEqualTo(Path.of("/tmp/study.db.models"));
        assertThat(ModelFolders.of(Path.of("/tmp/.rlaif"))).isEqualTo(Path.of("/tmp/.rlaif.models"));
    }
}
