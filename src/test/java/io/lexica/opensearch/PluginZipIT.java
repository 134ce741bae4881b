package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.Version;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.plugins.PluginsService;

/**
 * Checks the built plugin zip (after {@code mvn package}) the way {@code bin/opensearch-plugin
 * install} and a starting node do: OpenSearch's own descriptor parser and compatibility check, its
 * jar-hell check against the jars of an OpenSearch 3.9.0 node, and loading the plugin class from
 * the zip's jars on top of only the node's jars.
 */
class PluginZipIT {
  @TempDir static Path tmp;
  static Path pluginDir;
  static Set<URL> nodeClasspath;

  @BeforeAll
  static void unzip() throws IOException {
    Path zip = Path.of(System.getProperty("lexica.plugin.zip"));
    pluginDir = Files.createDirectories(tmp.resolve("plugins").resolve("lexica"));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        assertFalse(e.getName().contains("/"), "plugin files sit at the zip root: " + e.getName());
        Files.copy(in, pluginDir.resolve(e.getName()));
      }
    }
    nodeClasspath = new LinkedHashSet<>();
    String cp = Files.readString(Path.of(System.getProperty("lexica.opensearch.classpath"))).trim();
    for (String jar : cp.split(java.io.File.pathSeparator)) {
      nodeClasspath.add(Path.of(jar).toUri().toURL());
    }
    // The Lucene modules Lexica itself depends on are compile-scoped in our pom, so they are not
    // in that (provided-scope) list; a node ships them too, in the same version.
    for (String jar : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (Path.of(jar)
          .getFileName()
          .toString()
          .matches("lucene-(core|analysis-common|backward-codecs|queryparser)-10\\.5\\.1\\.jar")) {
        nodeClasspath.add(Path.of(jar).toUri().toURL());
      }
    }
  }

  @Test
  void descriptorIsAcceptedByOpenSearch() throws IOException {
    PluginInfo info = PluginInfo.readFromProperties(pluginDir);
    assertEquals("lexica", info.getName());
    assertEquals(LexicaPlugin.class.getName(), info.getClassname());
    assertEquals("21", info.getJavaVersion());
    assertEquals(List.of(), info.getExtendedPlugins());
    assertEquals("3.9.0", Version.CURRENT.toString());
    PluginsService.verifyCompatibility(info); // throws unless built for this OpenSearch and Java
  }

  @Test
  void zipHoldsOnlyWhatTheNodeLacks() throws IOException {
    List<String> jars = jars();
    assertTrue(jars.stream().anyMatch(j -> j.matches("lexica-.*\\.jar")), jars.toString());
    for (String jar : jars) {
      assertFalse(
          jar.matches("(lucene|opensearch|log4j|picocli|jna|jackson-(core|dataformat)-3).*"),
          "OpenSearch already ships (or the plugin does not need) " + jar);
    }
  }

  @Test
  void noJarHellAgainstTheNode() throws Exception {
    PluginInfo info = PluginInfo.readFromProperties(pluginDir);
    Path modules = Files.createDirectories(tmp.resolve("modules"));
    PluginsService.checkJarHellForPlugin(
        nodeClasspath, info, pluginDir, pluginDir.getParent(), modules);
  }

  @Test
  void pluginLoadsFromTheZipOnTopOfTheNodeJars() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String jar : jars()) {
      urls.add(pluginDir.resolve(jar).toUri().toURL());
    }
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    try (URLClassLoader node = new URLClassLoader(nodeClasspath.toArray(URL[]::new), platform);
        URLClassLoader plugin = new URLClassLoader(urls.toArray(URL[]::new), node)) {
      // Every class of the plugin and the library code it runs links against these jars alone.
      for (String name : classesOf(pluginDir.resolve(jarNamed("lexica-")))) {
        if (name.startsWith("io.lexica.opensearch.")
            || name.startsWith("io.lexica.expand.")
            || name.startsWith("io.lexica.vectors.")) {
          Class.forName(name, true, plugin);
        }
      }
      Class<?> settings = node.loadClass("org.opensearch.common.settings.Settings");
      Object empty = settings.getField("EMPTY").get(null);
      Class<?> pluginClass = plugin.loadClass(LexicaPlugin.class.getName());
      Object instance =
          pluginClass
              .getConstructor(settings, Path.class)
              .newInstance(empty, tmp.resolve("config"));
      Method queries = pluginClass.getMethod("getQueries");
      List<String> names = new ArrayList<>();
      for (Object spec : (List<?>) queries.invoke(instance)) {
        Object name = spec.getClass().getMethod("getName").invoke(spec);
        names.add((String) name.getClass().getMethod("getPreferredName").invoke(name));
      }
      assertEquals(List.of("lexica_expand", "lexica_knn", "lexica_hybrid"), names);
      assertEquals(plugin, instance.getClass().getClassLoader());
    }
  }

  private static List<String> jars() throws IOException {
    try (Stream<Path> files = Files.list(pluginDir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
    }
  }

  private static String jarNamed(String prefix) throws IOException {
    return jars().stream().filter(j -> j.startsWith(prefix)).findFirst().orElseThrow();
  }

  private static List<String> classesOf(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(jar);
        ZipInputStream in = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        String n = e.getName();
        if (n.endsWith(".class") && !n.contains("-")) {
          names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    return names;
  }
}
